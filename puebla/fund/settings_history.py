"""The history of the Reserve Fund's settings, as the settings page shows it: who changed what,
when, from which value to which. Read from simple_history's rows of the three settings models;
a row is compared with the one before it of the same record, in Python, so that the page costs
three queries whatever the number of rows (settings change rarely: a few hundred rows at most
are read)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from puebla.fund.setting_models import CaseCategory, FundSettings, RequesterKindOption

SHOWN_FIELDS = {
    FundSettings: ("ceiling_amount", "ceiling_currency"),
    CaseCategory: ("name_es", "name_en", "min_age", "under_age", "guardian_required", "retired"),
    RequesterKindOption: ("code", "name_es", "name_en", "retired"),
}
READ_PER_MODEL = 300


@dataclass
class Change:
    when: datetime
    who: object
    record: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def _label(model, row) -> str:
    if model is FundSettings:
        return _("Ceiling per case")
    return f"{model._meta.verbose_name}: {row.name_es or row.name_en}"


def settings_history(*, limit: int = 50) -> list[Change]:
    """The `limit` newest changes to the fund's settings, newest first. Rows nobody wrote (the
    migration's starting values) are shown as Puebla's."""
    changes = []
    for model, names in SHOWN_FIELDS.items():
        rows = list(
            model.history.select_related("history_user").order_by("-history_date", "-history_id")[
                :READ_PER_MODEL
            ]
        )
        rows.reverse()
        previous = {}
        for row in rows:
            before = previous.get(row.id)
            action = {"+": _("added"), "~": _("changed"), "-": _("deleted")}[row.history_type]
            if row.history_type == "~" and before is not None:
                diffs = [
                    (
                        str(model._meta.get_field(name).verbose_name),
                        _shown(getattr(before, name)),
                        _shown(getattr(row, name)),
                    )
                    for name in names
                    if getattr(before, name) != getattr(row, name)
                ]
                if not diffs:
                    previous[row.id] = row
                    continue
            elif row.history_type == "~":
                # The first change of a starting value the migration wrote (it left no row).
                diffs = [
                    (str(model._meta.get_field(name).verbose_name), "", _shown(getattr(row, name)))
                    for name in names
                ]
            else:
                diffs = []
            changes.append(
                Change(
                    when=row.history_date,
                    who=row.history_user,
                    record=_label(model, row),
                    action=action,
                    changes=diffs,
                )
            )
            previous[row.id] = row
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
