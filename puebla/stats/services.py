"""Writes to the statistics (DESIGN.md §5): validated before any write, atomic.

`submission_upload` takes a country's file for a round: it is read and checked whole
(puebla.stats.validation) and, only when nothing is wrong, becomes the country's draft in one
transaction: the figures replace the previous draft's, the file is kept with them, and the
round's request for input (puebla.followup) records a draft answer, so that its completeness,
reminders and digest count the country as started.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from puebla.directory.models import Country
from puebla.documents.models import stored_name
from puebla.followup.models import Answer
from puebla.followup.requests import services as requests
from puebla.stats import periods, validation
from puebla.stats.codelists import alpha_3
from puebla.stats.models import DataStructure, Observation, Round, Submission
from puebla.stats.reading import Unreadable, read
from puebla.stats.validation import Checked, Problem

# A change larger than this share of last year's figure is confirmed before it is kept.
CHANGE_TO_CONFIRM = 0.5


@transaction.atomic
def round_create(
    *,
    by,
    structure: DataStructure,
    period_start: str,
    period_end: str,
    due_date: datetime.date,
    countries=(),
    all_member_states: bool = False,
    **request_options,
) -> Round:
    """The secretariat asks `countries` (or all member states) for `structure`'s figures of
    the periods `period_start`..`period_end` by `due_date`: a request for input (its reminders
    and digest, puebla.followup) titled after the structure and periods, and the round. The
    structure is frozen from now on: figures are read by it."""
    first = periods.parsed(period_start, structure.frequency)
    last = periods.parsed(period_end or period_start, structure.frequency)
    example = "2026-01" if structure.frequency == DataStructure.Frequency.MONTHLY else "2026-Q1"
    for field, value, parsed in (
        ("period_start", period_start, first),
        ("period_end", period_end, last),
    ):
        if parsed is None:
            raise ValidationError(
                {
                    field: _(
                        "“%(value)s” is not a period of this structure: write it as %(example)s."
                    )
                    % {"value": value, "example": example}
                }
            )
    if periods.ordinal(last) < periods.ordinal(first):
        raise ValidationError({"period_end": _("The last period comes before the first.")})
    span = periods.span(first, last)
    request = requests.input_request_create(
        by=by,
        due_date=due_date,
        countries=countries,
        all_member_states=all_member_states,
        title_es=f"{structure.name_es}: {span}",
        title_en=f"{structure.name_en}: {span}",
        **request_options,
    )
    made = Round.objects.create(
        structure=structure, period_start=first, period_end=last, request=request
    )
    if structure.frozen_at is None:
        structure.frozen_at = timezone.now()
        structure._history_user = by
        structure.save(update_fields=["frozen_at"])
    return made


def submission_upload(
    *,
    round: Round,
    country: Country,
    by,
    upload,
    confirmed: bool = False,
    now: datetime.datetime | None = None,
) -> tuple[Submission | None, Checked]:
    """Check `upload` as `country`'s figures for `round` and keep them as its draft.

    Returns (the submission, the check), or (None, the check with its problems) when the file
    is refused, and then nothing is written. A figure that changed by more than half since the
    same period a year earlier (the country's approved figures) is a warning: the figures are
    kept only when `confirmed`, else (None, the check with its warnings). Refuses, with a
    ValidationError, a person who may not answer for `country`, a country the round does not
    ask, figures already approved, and a closed round past its due date."""
    now = now or timezone.now()
    request = round.request
    _check_may_upload(round, country, by, now)
    if not upload.size:
        raise ValidationError(_("The file is empty. Choose the file again."))
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB. Split it by period, or send it as CSV.")
            % {"limit": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)}
        )
    try:
        table = read(upload)
    except Unreadable as unreadable:
        return None, Checked(problems=[Problem("", str(unreadable))])
    checked = validation.check(table, round=round, country_code=alpha_3(country))
    if not checked.valid:
        return None, checked
    checked.warnings = _changes_to_confirm(round, country, checked, table)
    if checked.warnings and not confirmed:
        return None, checked
    return _keep(round, country, by, upload, checked, now=now, request=request), checked


def _changes_to_confirm(round, country, checked: Checked, table) -> list[Problem]:
    """The figures that differ by more than CHANGE_TO_CONFIRM from the same period a year
    earlier, as the country's approved figures of the same structure give it."""
    earlier_periods = {periods.year_before(period) for _key, period, _v, _s in checked.observations}
    approved = Observation.objects.filter(
        submission__owner_country=country,
        submission__round__structure=round.structure,
        submission__round__request__answers__owner_country=country,
        submission__round__request__answers__state=Answer.State.ACCEPTED,
        period__in=earlier_periods,
        status=Observation.Status.REPORTED,
    ).values_list("series_key", "period", "value")
    before = {(key, period): value for key, period, value in approved}
    warnings = []
    for index, (key, period, value, _status) in enumerate(checked.observations):
        earlier = periods.year_before(period)
        previous = before.get((key, earlier))
        if value is None or not previous or abs(value - previous) <= CHANGE_TO_CONFIRM * previous:
            continue
        warnings.append(
            Problem(
                table.where(index, validation.OBS_VALUE),
                _(
                    "%(key)s in %(period)s: %(value)s, against %(previous)s in %(earlier)s "
                    "(%(change)s). Check it; if it is right, confirm it."
                )
                % {
                    "key": key,
                    "period": period,
                    "value": number_format(value, force_grouping=True),
                    "previous": number_format(previous, force_grouping=True),
                    "earlier": earlier,
                    "change": f"{(value - previous) / previous:+.0%}",
                },
            )
        )
    return warnings


def _check_may_upload(round: Round, country, by, now) -> None:
    requests.check_may_answer(round.request, country, by)  # the request's own rule
    answer = requests.answer_for(round.request, country)
    if answer is not None and answer.state == Answer.State.ACCEPTED:
        raise ValidationError(
            _(
                "These figures were approved and can no longer change. Write to the Technical "
                "Secretariat to reopen them."
            )
        )
    if round.request.is_closed(now) and not (
        answer is not None and answer.state == Answer.State.RETURNED
    ):
        raise ValidationError(
            _(
                "The due date, %(date)s, has passed and this round takes no late figures. "
                "Write to the Technical Secretariat."
            )
            % {"date": date_format(round.request.due_date, "DATE_FORMAT")}
        )


@transaction.atomic
def _keep(round, country, by, upload, checked: Checked, *, now, request) -> Submission:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    submission = (
        Submission.objects.select_for_update().filter(round=round, owner_country=country).first()
    )
    replaced = submission.original_file.name if submission else None
    if submission is None:
        submission = Submission(round=round, owner_country=country, version=0)
    submission.original_name = upload.name[:255]
    submission.sha256 = digest.hexdigest()
    submission.rows = len(checked.observations)
    submission.uploaded_by = by
    submission.uploaded_at = now
    submission.version += 1
    submission._history_user = by
    upload.seek(0)
    extension = "xlsx" if upload.read(2) == b"PK" else "csv"
    upload.seek(0)
    submission.original_file.save(stored_name(None, f"x.{extension}"), upload, save=False)
    stored = submission.original_file
    # The file is in storage before the row: when the transaction does not commit, it must not
    # stay behind (the hourly sweep would find it, but a refused upload should leave nothing).
    try:
        submission.save()
        Observation.objects.filter(submission=submission).delete()
        Observation.objects.bulk_create(
            (
                Observation(
                    submission=submission,
                    series_key=series_key,
                    period=period,
                    value=value,
                    status=status,
                )
                for series_key, period, value, status in checked.observations
            ),
            batch_size=2000,
        )
        requests.answer_save_draft(
            request=request,
            country=country,
            by=by,
            text=_("Figures uploaded: %(count)s, from the file “%(name)s”.")
            % {"count": number_format(submission.rows, force_grouping=True), "name": upload.name},
        )
    except BaseException:
        stored.storage.delete(stored.name)
        raise
    if replaced:
        storage = stored.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return submission
