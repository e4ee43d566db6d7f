"""Who may see what: the one place that decides (DESIGN.md §3).

Every record that can be restricted carries an audience (`AudienceFields`). Reads go through
`visible_to(user)` on its queryset, single records through `get_visible_or_404`, and actions
through the predicates at the bottom. Views never build permission filters by hand.

Audiences, from widest to narrowest:
  public        anyone, signed in or not
  participants  any signed-in account, civil society included
  observers     observer states and organisations, member states, the secretariat
  members       member-state officials, the secretariat
  body          the members of the named bodies (by appointment), the secretariat
  country       one country's officials and the secretariat (a country's own submissions)
  secretariat   the Technical Secretariat only
"""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from puebla.core import security_log
from puebla.core.affiliation import Affiliation


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTICIPANTS = "participants", _("All signed-in participants")
    OBSERVERS = "observers", _("Observers and members")
    MEMBERS = "members", _("Member states")
    BODY = "body", _("Members of named bodies")
    COUNTRY = "country", _("One country")
    SECRETARIAT = "secretariat", _("Technical Secretariat only")


def plain_audiences(user) -> set[str]:
    """The audiences a user belongs to without looking at bodies or countries."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {Audience.PUBLIC}
    audiences = {Audience.PUBLIC, Audience.PARTICIPANTS}
    if user.affiliation in {
        Affiliation.OBSERVER_STATE,
        Affiliation.OBSERVER_ORGANISATION,
        Affiliation.MEMBER_STATE,
    }:
        audiences.add(Audience.OBSERVERS)
    if user.affiliation == Affiliation.MEMBER_STATE:
        audiences.add(Audience.MEMBERS)
    return audiences


def is_secretariat(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_secretariat)


def audience_filter(user) -> Q:
    """A Q object selecting the records of an AudienceFields model that `user` may see."""
    if is_secretariat(user):
        return Q()
    condition = Q(audience__in=plain_audiences(user))
    if user is not None and user.is_authenticated and user.is_active:
        if user.body_ids:
            condition |= Q(audience=Audience.BODY, audience_bodies__in=user.body_ids)
        if user.country_id and user.affiliation == Affiliation.MEMBER_STATE:
            condition |= Q(audience=Audience.COUNTRY, audience_country_id=user.country_id)
    return condition


class AudienceQuerySet(models.QuerySet):
    def visible_to(self, user):
        condition = audience_filter(user)
        if not condition:
            return self.all()
        # Filtering through the bodies relation can match a record once per body; the
        # subquery keeps one row per record without DISTINCT over the whole row.
        return self.filter(pk__in=self.model._base_manager.filter(condition).values("pk"))


class AudienceFields(models.Model):
    """Who may see a record. Restrictive by default: a new record is for the secretariat."""

    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.SECRETARIAT
    )
    audience_bodies = models.ManyToManyField(
        "directory.Body",
        verbose_name=_("bodies (for audience “members of named bodies”)"),
        blank=True,
        related_name="+",
    )
    audience_country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country (for audience “one country”)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="country") | Q(audience_country__isnull=False),
                name="%(app_label)s_%(class)s_country_audience_names_country",
            ),
        ]


def get_visible_or_404(queryset, request, **lookup):
    """The record matching `lookup` if the request's user may see it; otherwise a 404.

    A record that exists but is hidden is logged as denied access, and answered exactly like
    one that does not exist, so that its existence does not leak.
    """
    record = queryset.visible_to(request.user).filter(**lookup).first()
    if record is None:
        if queryset.filter(**lookup).exists():
            security_log.access_denied(request, f"{queryset.model._meta.label}:{lookup}")
        raise Http404
    return record


def can_view(user, record) -> bool:
    return type(record).objects.visible_to(user).filter(pk=record.pk).exists()


def can_edit(user, record) -> bool:
    """Only the secretariat edits restricted records for now; later apps add editors per body."""
    return is_secretariat(user)


def can_manage_accounts(user) -> bool:
    return is_secretariat(user)
