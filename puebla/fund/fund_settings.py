"""The Reserve Fund's settings (puebla.fund.setting_models): reading them, and the Technical
Secretariat's changes, one service each (keyword-only, atomic, a history row with who changed
it, a translated ValidationError and nothing written when a change is refused).

Puebla's starting values (`STARTING_CATEGORIES`, `STARTING_KINDS`, `STARTING_CEILING`) are
the ones the request form had before they became settings. They are Puebla's, not the RCM's:
the sources state none of them. Each keeps its `puebla_default` mark until the secretariat
changes it, and the pages say so.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from puebla.core.access import is_secretariat
from puebla.directory.models import Organisation
from puebla.fund.setting_models import (
    FUND_CURRENCY,
    CaseCategory,
    FundSettings,
    RequesterKindOption,
)

STARTING_CEILING = Decimal("1000.00")
# (key, Spanish, English, from age, under age, guardian authority required)
STARTING_CATEGORIES = (
    (
        "unaccompanied_child",
        "Niña, niño o adolescente no acompañado",
        "Unaccompanied child or adolescent",
        None,
        18,
        True,
    ),
    (
        "disability",
        "Persona con discapacidad",
        "Person living with disability",
        None,
        None,
        False,
    ),
    (
        "elderly",
        "Persona adulta mayor de setenta años",
        "Elderly person over seventy",
        70,
        None,
        False,
    ),
    (
        "injury_or_illness",
        "Persona con lesión o enfermedad física o mental",
        "Person with a physical or mental injury or illness",
        None,
        None,
        False,
    ),
)
# (key: the government, or a kind of organisation of the directory; Spanish; English)
STARTING_KINDS = (
    (
        RequesterKindOption.GOVERNMENT,
        "Gobierno del país de salida o de retorno",
        "Government of the departure or return country",
    ),
    (
        Organisation.Kind.INTERNATIONAL.value,
        "Organización internacional",
        "International organisation",
    ),
    (
        Organisation.Kind.CIVIL_SOCIETY.value,
        "Organización de la sociedad civil",
        "Civil-society organisation",
    ),
)


# --- Reading ---------------------------------------------------------------------------------


def fund_settings() -> FundSettings:
    """The settings' one row. Made with Puebla's starting values when missing (the migration
    made it; a database emptied since, such as a test's, has none)."""
    found = FundSettings.objects.filter(pk=FundSettings.SINGLETON_PK).first()
    return found if found is not None else starting_values_ensure()


@transaction.atomic
def starting_values_ensure() -> FundSettings:
    """Make the settings row and Puebla's starting categories and kinds, each marked as
    Puebla's; leaves whatever exists alone."""
    settings, created = FundSettings.objects.get_or_create(
        pk=FundSettings.SINGLETON_PK,
        defaults={
            "ceiling_amount": STARTING_CEILING,
            "ceiling_currency": FUND_CURRENCY,
            "ceiling_is_puebla_default": True,
        },
    )
    if created:
        for position, (code, es, en, min_age, under_age, guardian) in enumerate(
            STARTING_CATEGORIES
        ):
            CaseCategory.objects.get_or_create(
                code=code,
                defaults={
                    "name_es": es,
                    "name_en": en,
                    "min_age": min_age,
                    "under_age": under_age,
                    "guardian_required": guardian,
                    "position": position,
                    "puebla_default": True,
                },
            )
        for position, (code, es, en) in enumerate(STARTING_KINDS):
            RequesterKindOption.objects.get_or_create(
                code=code,
                defaults={
                    "name_es": es,
                    "name_en": en,
                    "position": position,
                    "puebla_default": True,
                },
            )
    return settings


def offered_categories(*, keep: CaseCategory | None = None):
    """The categories a request may choose: those not retired, and `keep` (a draft's own,
    retired since it was filed)."""
    fund_settings()
    keep_id = getattr(keep, "pk", keep)
    return CaseCategory.objects.filter(Q(retired=False) | Q(pk=keep_id or 0))


def category_for(value: Any) -> CaseCategory | None:
    """A category given as itself, its primary key or its key ("elderly"), or None."""
    if isinstance(value, CaseCategory) or value in (None, ""):
        return value or None
    fund_settings()
    lookup = Q(code=value)
    if str(value).isdigit():
        lookup |= Q(pk=int(value))
    return CaseCategory.objects.filter(lookup).first()


def requester_kind_for(code: str) -> RequesterKindOption | None:
    fund_settings()
    return RequesterKindOption.objects.filter(code=code).first()


def filing_organisation_kinds() -> list[str]:
    """The kinds of organisation of the directory that may file (a kind not retired)."""
    fund_settings()
    return list(
        RequesterKindOption.objects.filter(retired=False)
        .exclude(code=RequesterKindOption.GOVERNMENT)
        .values_list("code", flat=True)
    )


def ceiling_text(settings: FundSettings) -> str:
    """ "USD 1,000" (cents shown only when there are some), or "" when there is no ceiling."""
    if settings.ceiling_amount is None:
        return ""
    amount = settings.ceiling_amount
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{settings.ceiling_currency} {number_format(amount, decimal_pos=places, force_grouping=True)}"


def ceiling_refusal(amount: Decimal, settings: FundSettings | None = None) -> str | None:
    """Why `amount` is above the ceiling per case, or None (always None without a ceiling)."""
    settings = settings or fund_settings()
    if settings.ceiling_amount is None or amount <= settings.ceiling_amount:
        return None
    return _(
        "The ceiling per case that the Technical Secretariat set for the fund is %(ceiling)s."
    ) % {"ceiling": ceiling_text(settings)}


def shows_puebla_defaults(settings: FundSettings | None = None) -> bool:
    """Whether the request form shows a value still at Puebla's starting value."""
    settings = settings or fund_settings()
    return (
        settings.ceiling_is_puebla_default
        or CaseCategory.objects.filter(retired=False, puebla_default=True).exists()
        or RequesterKindOption.objects.filter(retired=False, puebla_default=True).exists()
    )


# --- Who may change them ---------------------------------------------------------------------


def settings_edit_refusal(user) -> str | None:
    """Why `user` may not change the fund's settings, or None: the secretariat sets them."""
    if not is_secretariat(user):
        return _("Only the Technical Secretariat changes the Reserve Fund's settings.")
    return None


def cases_using(item) -> int:
    """How many cases have `item` (a category or a requester kind)."""
    from puebla.fund.models import Case

    field = "category" if isinstance(item, CaseCategory) else "requester_kind"
    return Case.objects.filter(**{field: item}).count()


def deletion_refusal(item) -> str | None:
    """Why `item` may not be deleted, or None: a category or kind a case used stays, retired."""
    used = cases_using(item)
    if used:
        return _(
            "“%(name)s” is used by %(count)s case(s): it cannot be deleted. Retire it instead; "
            "those cases keep it."
        ) % {"name": item, "count": used}
    return None


def _require_secretariat(by) -> None:
    if refusal := settings_edit_refusal(by):
        raise ValidationError(refusal)


def _save(record, *, by) -> None:
    record._history_user = by
    record.save()


# --- The ceiling -----------------------------------------------------------------------------


@transaction.atomic
def ceiling_set(*, by, amount: Any, currency: str = FUND_CURRENCY) -> FundSettings:
    """Set the ceiling per case; an empty `amount` removes it (no amount is refused then)."""
    _require_secretariat(by)
    settings = FundSettings.objects.select_for_update().get(pk=fund_settings().pk)
    currency = (currency or "").strip().upper()
    if currency != FUND_CURRENCY:
        raise ValidationError(
            {
                "ceiling_currency": _(
                    "The fund keeps its accounts and the cases' costs in US dollars: give the "
                    "ceiling in USD."
                )
            }
        )
    if amount in (None, ""):
        value = None
    else:
        try:
            value = Decimal(str(amount).strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value <= 0:
            raise ValidationError(
                {
                    "ceiling_amount": _(
                        "Give the ceiling as an amount over zero, such as 1000.00, or leave it "
                        "empty for no ceiling."
                    )
                }
            )
        if value.as_tuple().exponent < -2:
            raise ValidationError(
                {"ceiling_amount": _("The amount can have at most two decimals (cents).")}
            )
        value = value.quantize(Decimal("0.01"))
    if value == settings.ceiling_amount and currency == settings.ceiling_currency:
        return settings
    settings.ceiling_amount, settings.ceiling_currency = value, currency
    settings.ceiling_is_puebla_default = False
    settings.version += 1
    settings.full_clean()
    _save(settings, by=by)
    return settings


# --- The lists: categories and requester kinds -----------------------------------------------

CATEGORY_FIELDS = frozenset({"name_es", "name_en", "min_age", "under_age", "guardian_required"})
KIND_FIELDS = frozenset({"name_es", "name_en"})


def _refuse_unknown(fields: dict, allowed: frozenset) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(unknown)}
        )


def _check_names(item) -> None:
    item.name_es, item.name_en = item.name_es.strip(), item.name_en.strip()
    if not (item.name_es or item.name_en):
        raise ValidationError({"name_es": _("Give the name in Spanish, in English or in both.")})
    for column in ("name_es", "name_en"):
        name = getattr(item, column)
        if (
            name
            and type(item)
            .objects.filter(**{f"{column}__iexact": name})
            .exclude(pk=item.pk)
            .exists()
        ):
            raise ValidationError({column: _("Another line of this list has this name.")})


@transaction.atomic
def category_save(*, by, fields: dict[str, Any], category: CaseCategory | None = None):
    """Add a category (`category` None) or rename it and change its ages and guardian rule.
    A case already filed keeps its category; the new wording shows on it too."""
    _require_secretariat(by)
    _refuse_unknown(fields, CATEGORY_FIELDS)
    fund_settings()
    if category is None:
        category = CaseCategory(position=CaseCategory.objects.count())
    else:
        category = CaseCategory.objects.select_for_update().get(pk=category.pk)
    for name, value in fields.items():
        setattr(category, name, value)
    _check_names(category)
    ages = (category.min_age, category.under_age)
    if None not in ages and ages[0] >= ages[1]:
        raise ValidationError({"under_age": _("The upper age must be above the lower age.")})
    if not category.code:
        category.code = _free_code(category)
    category.puebla_default = False
    category.full_clean()
    _save(category, by=by)
    return category


def _free_code(category: CaseCategory) -> str:
    base = slugify(category.name_en or category.name_es)[:30] or "category"
    code, number = base, 1
    while CaseCategory.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def addable_kind_codes() -> list[tuple[str, str]]:
    """(key, what it means) for the kinds of requesting body not yet in the list."""
    fund_settings()
    taken = set(RequesterKindOption.objects.values_list("code", flat=True))
    sources = [
        (RequesterKindOption.GOVERNMENT, _("The government of the country of departure or return"))
    ]
    sources += [(value, str(label)) for value, label in Organisation.Kind.choices]
    return [(code, label) for code, label in sources if code not in taken]


@transaction.atomic
def requester_kind_save(
    *, by, fields: dict[str, Any], kind: RequesterKindOption | None = None, code: str = ""
):
    """Add a kind of requesting body (`kind` None: who files, `code`, is one of
    `addable_kind_codes`) or rename one."""
    _require_secretariat(by)
    _refuse_unknown(fields, KIND_FIELDS)
    if kind is None:
        if code not in dict(addable_kind_codes()):
            raise ValidationError({"code": _("Choose who files requests of this kind.")})
        kind = RequesterKindOption(code=code, position=RequesterKindOption.objects.count())
    else:
        kind = RequesterKindOption.objects.select_for_update().get(pk=kind.pk)
    for name, value in fields.items():
        setattr(kind, name, value)
    _check_names(kind)
    kind.puebla_default = False
    kind.full_clean()
    _save(kind, by=by)
    return kind


@transaction.atomic
def item_retire(*, by, item):
    """Stop offering a category or kind for new requests; the cases that have it keep it. The
    last one offered stays: a request must be able to choose one."""
    _require_secretariat(by)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.retired:
        return item
    if not type(item).objects.filter(retired=False).exclude(pk=item.pk).exists():
        raise ValidationError(
            _("“%(name)s” is the last one offered: add another before retiring it.")
            % {"name": item}
        )
    item.retired = True
    _save(item, by=by)
    return item


@transaction.atomic
def item_restore(*, by, item):
    """Offer a retired category or kind again."""
    _require_secretariat(by)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.retired:
        item.retired = False
        _save(item, by=by)
    return item


@transaction.atomic
def item_delete(*, by, item) -> None:
    """Delete a category or kind no case used (deletion_refusal says why not, else)."""
    _require_secretariat(by)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if refusal := deletion_refusal(item):
        raise ValidationError(refusal)
    if (
        not item.retired
        and not type(item).objects.filter(retired=False).exclude(pk=item.pk).exists()
    ):
        raise ValidationError(
            _("“%(name)s” is the last one offered: add another before deleting it.")
            % {"name": item}
        )
    item._history_user = by
    item.delete()
