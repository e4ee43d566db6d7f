"""The Reserve Fund's settings: the ceiling per case, the categories of persons it helps and the
kinds of requesting body. None of them is in the sources: seed 001 says only that the fund was
"established in 2004 as a regional mechanism to provide financial and operational support for
the voluntary return of migrants in vulnerable situations and for persons requiring
assistance beyond the support provided through existing programmes in each RCM member
country". So they are the Technical Secretariat's to set, edited in the intranet with their
history, and Puebla ships starting values marked as its own (`puebla_default`), never as the
RCM's rules. Writes go through puebla.fund.fund_settings.

A category or kind that a case used is never deleted (PROTECT): it is retired, and the case
keeps it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.bilingual import bilingual
from puebla.core.text import text_in

# The one currency in which the fund keeps its ledger and the cases' costs.
FUND_CURRENCY = "USD"


class FundSettings(models.Model):
    """The settings of the fund: one row (pk 1), made on first read with Puebla's starting
    values."""

    SINGLETON_PK = 1

    ceiling_amount = models.DecimalField(
        _("ceiling per case"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no ceiling; the form then refuses no amount."),
    )
    ceiling_currency = models.CharField(_("currency of the ceiling"), max_length=3, default="USD")
    ceiling_is_puebla_default = models.BooleanField(
        _("ceiling is Puebla's starting value"), default=False, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Reserve Fund settings")
        verbose_name_plural = _("Reserve Fund settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="fund_settings_single_row"),
            models.CheckConstraint(
                condition=models.Q(ceiling_amount__isnull=True) | models.Q(ceiling_amount__gt=0),
                name="fund_settings_ceiling_positive",
            ),
        ]

    def __str__(self):
        return str(_("Reserve Fund settings"))


class SettingItem(models.Model):
    """A line of a list the secretariat keeps: a name in both languages, retired or offered,
    and whether it is still Puebla's starting value (unchanged since shipped)."""

    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("Not offered for new requests; the cases that have it keep it."),
    )
    puebla_default = models.BooleanField(
        _("Puebla's starting value"), default=False, editable=False
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["retired", "position", "pk"]

    def __str__(self):
        return text_in(self, "name")


class CaseCategory(SettingItem):
    """A category of persons the fund helps, with the age bounds and the guardian authority
    the request form checks for it (each optional: none of them is an RCM rule)."""

    code = models.SlugField(_("key"), max_length=40, unique=True, editable=False)
    min_age = models.PositiveSmallIntegerField(
        _("from age"), null=True, blank=True, help_text=_("Empty: no lower age.")
    )
    under_age = models.PositiveSmallIntegerField(
        _("under age"), null=True, blank=True, help_text=_("Empty: no upper age.")
    )
    guardian_required = models.BooleanField(
        _("a guardian authority must be named"),
        default=False,
        help_text=_("For children and adolescents: the authority that decided with them."),
    )

    history = HistoricalRecords()

    class Meta(SettingItem.Meta):
        verbose_name = _("Reserve Fund category")
        verbose_name_plural = _("Reserve Fund categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(under_age__isnull=True)
                | models.Q(min_age__lt=models.F("under_age")),
                name="fund_category_ages_in_order",
            ),
        ]


class RequesterKindOption(SettingItem):
    """A kind of body that files requests: the government of the departure or return country,
    or organisations of one kind of the directory (accepted by the secretariat). Retired: that
    kind files no new request."""

    GOVERNMENT = "government"

    code = models.SlugField(
        _("who files"),
        max_length=40,
        unique=True,
        help_text=_(
            "The government of the country of departure or return, or a kind of organisation."
        ),
    )

    history = HistoricalRecords()

    class Meta(SettingItem.Meta):
        verbose_name = _("Reserve Fund requester kind")
        verbose_name_plural = _("Reserve Fund requester kinds")
