"""Writes to requests for input and the countries' answers (DESIGN.md §5): one service per
action, validated before any write, atomic, mail after commit (puebla.followup.requests
.notifications).

The answer's workflow: not started → draft → submitted → accepted, or → returned → (revised)
→ submitted again. A focal point of an addressed country (or the secretariat, on the
country's behalf) writes and submits; the secretariat returns or accepts. Every change of
state is a Transition row: who, when, on behalf of which country, and the comment.

A refused submission keeps the draft: `answer_submit` saves the text first, in a transaction
of its own, and only then checks whether it may be submitted.

Services: input_request_create, reminder_schedule_set (the schedule and/or who is reminded and
the text), digest_preference_set, head_of_delegation_set, answer_save_draft, answer_submit,
answer_file_remove, answer_return, answer_accept, answer_reopen. In this package too: .reminders
.reminders_send (the daily job), .completeness.completeness, .exports (the completeness XLSX).
The follow-up's other writes: puebla.followup.declarations.services (declarations and
commitments) and puebla.followup.matrix.services (the comparative matrix).
"""

import datetime
import hashlib
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.directory.models import Country
from puebla.documents.services import check_upload
from puebla.followup import markdown
from puebla.followup.models import (
    Answer,
    AnswerFile,
    Commitment,
    HeadOfDelegation,
    InputRequest,
    ReminderPreference,
    ReminderRule,
    Transition,
)
from puebla.followup.requests import notifications
from puebla.meetings.querysets import member_states

State = Answer.State

# The version an answer form says it read when the country had no answer yet (a saved answer
# starts at 1).
NO_ANSWER_YET = 0
# (days from the due date, then every N days): 14 and 3 days before, on the day, then weekly.
DEFAULT_SCHEDULE = ((-14, None), (-3, None), (0, None), (7, 7))


@transaction.atomic
def input_request_create(
    *,
    by,
    due_date: datetime.date,
    countries: Iterable[Country] = (),
    all_member_states: bool = False,
    commitments: Iterable[Commitment] = (),
    cycle=None,
    title_es: str = "",
    title_en: str = "",
    instructions_es: str = "",
    instructions_en: str = "",
    late_rule: str = InputRequest.LateRule.ACCEPT_LATE,
    template=None,
    schedule: Sequence[tuple[int, int | None]] | None = None,
    remind_focal_points: bool = True,
    remind_officials: bool = False,
    remind_head: bool = False,
    escalate_to_head: bool = False,
    reminder_text_es: str = "",
    reminder_text_en: str = "",
) -> InputRequest:
    """The secretariat asks `countries` (or all member states) for input; their focal points
    are mailed. `schedule` is the reminder rules (DEFAULT_SCHEDULE when None; without the
    reminders after the due date when late answers are closed)."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat asks countries for input."))
    addressed = list(member_states()) if all_member_states else list(countries)
    if not addressed:
        raise ValidationError({"countries": _("Choose the countries asked, or all member states.")})
    commitments = list(commitments)
    if not commitments and not (title_es.strip() or title_en.strip()):
        raise ValidationError(
            {"title_es": _("Name the commitment or the topic the request is about.")}
        )
    _check_commitments(commitments)
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date has already passed.")})
    if schedule is None:
        schedule = [
            rule
            for rule in DEFAULT_SCHEDULE
            if late_rule != InputRequest.LateRule.CLOSED or rule[0] <= 0
        ]
    _check_schedule(schedule, late_rule=late_rule)
    kind = check_upload(template) if template is not None else None
    request = InputRequest(
        cycle=cycle,
        title_es=title_es.strip(),
        title_en=title_en.strip(),
        instructions_es=instructions_es.strip(),
        instructions_en=instructions_en.strip(),
        due_date=due_date,
        late_rule=late_rule,
        all_member_states=all_member_states,
        remind_focal_points=remind_focal_points,
        remind_officials=remind_officials,
        remind_head=remind_head,
        escalate_to_head=escalate_to_head,
        reminder_text_es=reminder_text_es.strip(),
        reminder_text_en=reminder_text_en.strip(),
        created_by=by,
    )
    request.full_clean(exclude=["template_file"])
    request._history_user = by
    if kind is None:
        request.save()
    else:
        template.seek(0)
        request.template_name = template.name[:255]
        _save_with_file(request, request.template_file, template, f"template.{kind.extension}")
    request.countries.set(addressed)
    request.commitments.set(commitments)
    ReminderRule.objects.bulk_create(
        ReminderRule(request=request, offset_days=offset, repeat_days=repeat)
        for offset, repeat in schedule
    )
    notifications.input_request_created(request, [country.pk for country in addressed])
    return request


def _check_commitments(commitments: Sequence[Commitment]) -> None:
    """A request follows up commitments of one declaration: its answers then read as that
    declaration's follow-up, commitment by commitment."""
    if len({commitment.declaration_id for commitment in commitments}) > 1:
        raise ValidationError(
            {
                "commitments": _(
                    "Choose commitments of one declaration: a request follows up one "
                    "declaration. Send another request for the other declaration."
                )
            }
        )


REMINDER_SETTINGS = (
    "remind_focal_points",
    "remind_officials",
    "remind_head",
    "escalate_to_head",
    "reminder_text_es",
    "reminder_text_en",
)


@transaction.atomic
def reminder_schedule_set(
    *,
    request: InputRequest,
    by,
    schedule: Sequence[tuple[int, int | None]] | None = None,
    **settings,
) -> list[ReminderRule]:
    """Replace the request's reminder rules by `schedule` ((offset days, repeat days) pairs),
    and/or change who is reminded and the text (REMINDER_SETTINGS)."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat sets reminders."))
    unknown = set(settings) - set(REMINDER_SETTINGS)
    if unknown:
        raise TypeError(f"not reminder settings: {sorted(unknown)}")
    if schedule is not None:
        _check_schedule(schedule, late_rule=request.late_rule)
    request = InputRequest.objects.select_for_update().get(pk=request.pk)
    if settings:
        for name, value in settings.items():
            setattr(request, name, value.strip() if isinstance(value, str) else value)
        request.full_clean(exclude=["template_file"])
        request._history_user = by
        request.save()
    if schedule is not None:
        request.reminder_rules.all().delete()
        ReminderRule.objects.bulk_create(
            ReminderRule(request=request, offset_days=offset, repeat_days=repeat)
            for offset, repeat in schedule
        )
    return list(request.reminder_rules.all())


@transaction.atomic
def digest_preference_set(*, user, digest: bool) -> ReminderPreference:
    """A focal point chooses one daily mail for all their country's pending requests."""
    if digest and not access.is_focal_point_of(user, user.country_id):
        raise ValidationError(_("The digest is for focal points."))
    preference, _made = ReminderPreference.objects.update_or_create(
        user=user, defaults={"digest": digest}
    )
    return preference


@transaction.atomic
def head_of_delegation_set(
    *, country: Country, by, full_name: str, email: str, language: str = "es"
) -> HeadOfDelegation:
    """Who reminders escalate to for `country` (the secretariat keeps it)."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat names heads of delegation."))
    head = HeadOfDelegation.objects.filter(country=country).first() or HeadOfDelegation(
        country=country
    )
    head.full_name, head.email, head.language = full_name.strip(), email.strip().lower(), language
    head.full_clean()
    head._history_user = by
    head.save()
    return head


def _check_schedule(schedule, *, late_rule: str) -> None:
    offsets = [offset for offset, _repeat in schedule]
    if len(set(offsets)) != len(offsets):
        raise ValidationError({"schedule": _("Each reminder day may appear once.")})
    for offset, repeat in schedule:
        if repeat is not None and repeat < 1:
            raise ValidationError({"schedule": _("A reminder repeats every one day or more.")})
        if late_rule == InputRequest.LateRule.CLOSED and (offset > 0 or repeat):
            raise ValidationError(
                {
                    "schedule": _(
                        "This request closes on its due date: a reminder after it (or repeating "
                        "past it) could not be answered. Remove it, or accept late answers."
                    )
                }
            )


def answer_for(request: InputRequest, country) -> Answer | None:
    return Answer.objects.filter(request=request, owner_country=country).first()


def check_may_answer(request: InputRequest, country, by) -> None:
    if not access.can_act_for_country(by, country):
        raise ValidationError(
            _("Only the focal points of %(country)s answer for it.") % {"country": country}
        )
    if not request.countries.filter(pk=getattr(country, "pk", country)).exists():
        raise ValidationError(
            _("This request is not addressed to %(country)s.") % {"country": country}
        )


@transaction.atomic
def answer_save_draft(
    *,
    request: InputRequest,
    country: Country,
    by,
    text: str,
    uploads: Sequence = (),
    version: int | None = None,
) -> Answer:
    """Keep the country's answer as a draft (a submitted one goes back to draft until submitted
    again; a returned one stays returned while it is revised). `version` is the one the form
    read (NO_ANSWER_YET: there was none): when the answer changed since, nothing is written and
    the person is told."""
    check_may_answer(request, country, by)
    kinds = [check_upload(upload) for upload in uploads]  # every file checked before any write
    answer = (
        Answer.objects.select_for_update().filter(request=request, owner_country=country).first()
    )
    if answer is None:
        # No answer yet: the lock above held no row, so two focal points saving a first draft
        # at the same moment would both insert one, and the second would fail on the unique
        # constraint (a server error). Lock the request's row instead: the second waits for
        # the first to commit, then reads its answer again and is checked like any later save
        # (a form that read no answer says NO_ANSWER_YET, so its author is told rather than
        # writing over the first draft). Only first drafts take this lock: later saves of
        # different countries do not wait.
        list(InputRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk"))
        answer = (
            Answer.objects.select_for_update()
            .filter(request=request, owner_country=country)
            .first()
        )
    if answer is None:
        answer = Answer(request=request, owner_country=country)
    elif answer.state == State.ACCEPTED:
        raise ValidationError(_("This answer was accepted and can no longer change."))
    elif version is not None and answer.version != version:
        raise ValidationError(
            _(
                "Someone changed this answer since you opened it. Copy your text, open the "
                "answer again and add it."
            )
        )
    elif answer.state == State.SUBMITTED and request.is_closed(timezone.now()):
        # Back to draft, it could not be submitted again: the on-time answer would be lost.
        raise ValidationError(
            _(
                "The due date, %(date)s, has passed and this request takes no late answers: "
                "your submitted answer stays as it is. Write to the Technical Secretariat."
            )
            % {"date": date_format(request.due_date, "DATE_FORMAT")}
        )
    before = answer.state
    answer.text = text.strip()
    if before in (State.NOT_STARTED, State.SUBMITTED):
        answer.state = State.DRAFT
    answer.version += 0 if answer._state.adding else 1
    answer.full_clean()
    answer._history_user = by
    answer.save()
    for upload, kind in zip(uploads, kinds, strict=True):
        _store_file(answer, upload, kind, by)
    if before != answer.state:
        _record(answer, before, by=by, country=country)
    return answer


def file_removal_refusal(answer: Answer) -> str:
    """Why no file may come off `answer` now; "" when one may."""
    if answer.state == State.ACCEPTED:
        return _("This answer was accepted and can no longer change.")
    if answer.state == State.SUBMITTED:
        # The secretariat may be reading it: it changes only as a draft, saved again.
        return _("This answer is submitted: save it as a draft first, then remove the file.")
    return ""


@transaction.atomic
def answer_file_remove(*, stored: AnswerFile, by) -> None:
    """Take a file off a draft or returned answer (file_removal_refusal); the stored file goes
    after commit."""
    answer = Answer.objects.select_for_update().get(pk=stored.answer_id)
    check_may_answer(answer.request, answer.owner_country, by)
    refusal = file_removal_refusal(answer)
    if refusal:
        raise ValidationError(refusal)
    name, storage = stored.file.name, stored.file.storage
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name))


def answer_submit(
    *,
    request: InputRequest,
    country: Country,
    by,
    text: str | None = None,
    uploads: Sequence = (),
    version: int | None = None,
    now: datetime.datetime | None = None,
) -> Answer:
    """Submit the country's answer (with `text`/`uploads` saved as its draft first, so a refusal
    keeps them). Refused after the due date of a closed request (unless the secretariat
    returned it for revision); marked late after the due date otherwise."""
    if text is not None or uploads:
        current = answer_for(request, country)
        answer_save_draft(
            request=request,
            country=country,
            by=by,
            text=text if text is not None else (current.text if current else ""),
            uploads=uploads,
            version=version,
        )
    return _submit(request=request, country=country, by=by, now=now or timezone.now())


@transaction.atomic
def _submit(*, request, country, by, now) -> Answer:
    check_may_answer(request, country, by)
    answer = (
        Answer.objects.select_for_update().filter(request=request, owner_country=country).first()
    )
    if answer is None or (markdown.is_blank(answer.text) and not answer.files.exists()):
        raise ValidationError({"text": _("The answer is empty. Write it, or attach a file.")})
    if answer.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError(
            _("This answer is already %(state)s.") % {"state": answer.get_state_display().lower()}
        )
    if request.is_closed(now) and answer.state != State.RETURNED:
        raise ValidationError(
            _(
                "The due date, %(date)s, has passed and this request takes no late answers. "
                "Your draft is kept; write to the Technical Secretariat."
            )
            % {"date": date_format(request.due_date, "DATE_FORMAT")}
        )
    before = answer.state
    if before == State.DRAFT:
        answer.late = request.is_past_due(now)
    answer.state = State.SUBMITTED
    answer.submitted_at = now
    answer.submitted_by = by
    answer.version += 1
    answer._history_user = by
    answer.save()
    _record(answer, before, by=by, country=country, at=now)
    notifications.answer_submitted(answer)
    return answer


@transaction.atomic
def answer_return(*, answer: Answer, by, comment: str) -> Answer:
    """The secretariat returns a submitted answer for revision, saying why."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat returns answers."))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what to revise: the focal points read it.")})
    answer = _decide(answer, by=by, to=State.RETURNED, comment=comment)
    notifications.answer_decided(answer, comment=comment)
    return answer


@transaction.atomic
def answer_accept(*, answer: Answer, by, comment: str = "") -> Answer:
    """The secretariat accepts a submitted answer; it can no longer change."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat accepts answers."))
    answer = _decide(answer, by=by, to=State.ACCEPTED, comment=comment.strip())
    notifications.answer_decided(answer)
    return answer


@transaction.atomic
def answer_reopen(*, answer: Answer, by, reason: str) -> Answer:
    """The secretariat reopens an accepted answer (a correction is needed), saying why, which
    is kept in its history: it goes back to returned, its focal points revise and submit it,
    and it is accepted again."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat reopens accepted answers."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"comment": _("Say why the answer is reopened: it is kept.")})
    answer = Answer.objects.select_for_update().select_related("request").get(pk=answer.pk)
    if answer.state != State.ACCEPTED:
        raise ValidationError(
            _("Only an accepted answer is reopened; this one is: %(state)s.")
            % {"state": answer.get_state_display().lower()}
        )
    answer.state = State.RETURNED
    answer.published_at = None  # its focal points edit it again (core.access)
    answer.version += 1
    answer._history_user = by
    answer.save()
    _record(answer, State.ACCEPTED, by=by, comment=reason)
    notifications.answer_decided(answer, comment=reason)
    return answer


def _decide(answer: Answer, *, by, to: str, comment: str) -> Answer:
    answer = Answer.objects.select_for_update().select_related("request").get(pk=answer.pk)
    if answer.state != State.SUBMITTED:
        raise ValidationError(
            _("Only a submitted answer can be returned or accepted; this one is: %(state)s.")
            % {"state": answer.get_state_display().lower()}
        )
    before = answer.state
    answer.state = to
    if to == State.ACCEPTED:
        answer.published_at = timezone.now()  # ends the focal points' editing (core.access)
    answer.version += 1
    answer._history_user = by
    answer.save()
    _record(answer, before, by=by, comment=comment)  # the secretariat decides for itself
    return answer


def _record(answer, before, *, by, country=None, comment: str = "", at=None) -> Transition:
    """A step of `answer`'s history. `country` is the country whose answer `by` wrote or
    submitted: kept as "on behalf of" only when `by` is not one of its focal points (the
    secretariat acting for it), since a focal point acts for their own country."""
    acted_for = None if country is None or access.is_focal_point_of(by, country) else country
    return Transition.objects.create(
        answer=answer,
        from_state=before,
        to_state=answer.state,
        by=by,
        on_behalf_of_id=getattr(acted_for, "pk", acted_for),
        comment=comment,
        at=at or timezone.now(),
    )


def _store_file(answer: Answer, upload, kind, by) -> AnswerFile:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = AnswerFile(
        answer=answer,
        original_name=upload.name[:255],
        extension=kind.extension,
        mime=kind.mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    _save_with_file(stored, stored.file, upload, f"answer.{kind.extension}")
    return stored


def _save_with_file(record, field_file, upload, name: str) -> None:
    """Store the file, then the row; when the row is not made, the file must not stay behind."""
    field_file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            record.save()
    except BaseException:
        field_file.storage.delete(field_file.name)
        raise
