"""Who may see and edit what: the one place that decides (DESIGN.md §3).

Every record that can be restricted carries an audience (`AudienceFields`). Reads go through
`visible_to(user)` on its queryset, edits through `editable_by(user)`, single records through
`get_visible_or_404`, and actions through the predicates at the bottom. Views never build
permission filters by hand; which *pages* a person may open is declared on each view
(`puebla.core.gates`).

Audiences, from widest to narrowest:
  public        anyone, signed in or not
  participants  any signed-in account, civil society included
  observers     observer states and organisations, member states, the secretariat
  members       member-state officials, the secretariat
  body          the members of the named bodies (by current appointment), the secretariat
  country       one country's officials and the secretariat
  secretariat   the Technical Secretariat only

Three kinds of records build on that (and a fourth stands beside it):
  - an audience record (`AudienceFields`, `AudienceQuerySet`): a notice, a document, a meeting;
  - a child record (`ChildQuerySet`): a document's files, a meeting's agenda items. It names the
    path to its parent (`ACCESS_PARENT`) and is visible, and editable, exactly when the parent
    is: the parent's own filter is applied through that relation, never a hand-written copy;
  - a country-owned record (`CountryOwnedFields`): a country's nominations, drafts, answers.
    Until published it is seen by that country's officials and the secretariat only; once
    published, its audience decides. Which officials are "that country's" is the record
    kind's choice (`COUNTRY_OFFICIALS`): member-state officials, and observer-state officials
    where the kind says so;
  - an account-owned record (`AccountOwnedQuerySet`): what one account asks for itself, such as
    an observer's request to take part in a meeting. Its account and the secretariat see it.

Who edits: the secretariat edits everything; a body's editors (a current appointment to the
body with the role "editor") edit the records of that body (kinds that name their body in
`EDITING_BODY_FIELD`); a country's focal points edit its unpublished country-owned records.

What a user must offer (puebla.accounts.models.User does): is_authenticated, is_active,
affiliation, country_id, is_focal_point, is_fund_officer, body_ids, edited_body_ids.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from puebla.core import security_log
from puebla.core.affiliation import Affiliation

NOTHING = Q(pk__in=[])


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTICIPANTS = "participants", _("All signed-in participants")
    OBSERVERS = "observers", _("Observers and members")
    MEMBERS = "members", _("Member states")
    BODY = "body", _("Members of named bodies")
    COUNTRY = "country", _("One country")
    SECRETARIAT = "secretariat", _("Technical Secretariat only")


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_secretariat(user) -> bool:
    return is_signed_in(user) and user.affiliation == Affiliation.SECRETARIAT


def is_fund_officer(user) -> bool:
    return is_signed_in(user) and user.is_fund_officer


def is_focal_point_of(user, country) -> bool:
    """A current focal point of `country` (a Country or its primary key)."""
    country_id = getattr(country, "pk", country)
    return (
        is_signed_in(user)
        and user.affiliation == Affiliation.MEMBER_STATE
        and user.is_focal_point
        and user.country_id == country_id
    )


def is_country_official(user, country_id, model) -> bool:
    """An official of `country_id` as the record kind `model` counts them."""
    return (
        is_signed_in(user)
        and user.country_id == country_id
        and user.affiliation in model.COUNTRY_OFFICIALS
    )


def plain_audiences(user) -> set[str]:
    """The audiences a user belongs to without looking at bodies or countries."""
    if not is_signed_in(user):
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


def audience_labels(user) -> list[str]:
    """The names of the plain audiences `user` reads (bodies and country aside), widest first,
    for a page that tells a person what they see."""
    audiences = plain_audiences(user)
    return [label for value, label in Audience.choices if value in audiences]


def own_country_id(user, officials=(Affiliation.MEMBER_STATE,)) -> int | None:
    """The country whose "one country" records `user` reads as one of its officials (of the
    affiliations `officials`), or None."""
    if is_signed_in(user) and user.country_id and user.affiliation in officials:
        return user.country_id
    return None


def would_see(user, model, audience: str, *, body_ids=(), country_id=None) -> bool:
    """Whether `user` would see a record of `model` addressed to `audience` (with these bodies,
    or this country): a form asks it before saving, so that nobody hides a record from
    themselves; the search asks it of the copy of each audience its index carries
    (puebla.search.columns), equal to `visible_to` (tests/search/test_visibility.py)."""
    if is_secretariat(user) or audience in plain_audiences(user):
        return True
    if audience == Audience.BODY:
        return is_signed_in(user) and any(body_id in user.body_ids for body_id in body_ids)
    if audience == Audience.COUNTRY:
        own = own_country_id(user, officials=model.COUNTRY_OFFICIALS)
        return country_id is not None and country_id == own
    return False


def reads_members_records(user) -> bool:
    """Whether `user` reads what is addressed to the member states: their officials and the
    secretariat (who reads everything). The participants' e-mail addresses are such a record."""
    return is_secretariat(user) or Audience.MEMBERS in plain_audiences(user)


def audience_condition(user, model) -> Q:
    """The records of the AudienceFields model `model` that `user` may see (not the secretariat's
    everything: callers check `is_secretariat` first)."""
    condition = Q(audience__in=plain_audiences(user))
    if is_signed_in(user):
        if user.body_ids:
            # A subquery rather than a join: a record on several of the user's bodies still
            # matches once, so callers need no DISTINCT and databases can test record by record.
            on_bodies = model._base_manager.filter(audience_bodies__in=user.body_ids)
            condition |= Q(audience=Audience.BODY, pk__in=on_bodies.values("pk"))
        if user.country_id and user.affiliation in model.COUNTRY_OFFICIALS:
            condition |= Q(audience=Audience.COUNTRY, audience_country_id=user.country_id)
    return condition


def carried_audience(record) -> tuple[str, int | None, str]:
    """What `would_see` reads of an `AudienceFields` record, for a table that keeps a copy of
    it (the search index): its audience, its country and its bodies as "|3|7|" (the last two
    only where the audience names them). Reads the record's bodies: prefetch them when copying many records."""
    if record.audience == Audience.BODY:
        body_ids = sorted(body.pk for body in record.audience_bodies.all())
        return record.audience, None, "".join(f"|{pk}" for pk in body_ids) + "|" * bool(body_ids)
    if record.audience == Audience.COUNTRY:
        return record.audience, record.audience_country_id, ""
    return record.audience, None, ""


def has_plain_audience_rule(model) -> bool:
    """Whether `visible_to` of `model` is exactly the audience rule, so that a copy of its
    records' audience (`carried_audience`) decides the same: not a country's own records (their
    owner and publication count too), not a queryset that changed the rule."""
    queryset = type(model._default_manager.get_queryset())
    return (
        issubclass(model, AudienceFields)
        and not issubclass(model, CountryOwnedFields)
        and getattr(queryset, "visible_to", None) is AudienceQuerySet.visible_to
    )


def visibility_condition(user, model) -> Q:
    """Q() (everything) for the secretariat; otherwise what `user` may see of `model`."""
    if is_secretariat(user):
        return Q()
    condition = audience_condition(user, model)
    if issubclass(model, CountryOwnedFields):
        own = (
            Q(owner_country_id=user.country_id)
            if is_signed_in(user) and user.affiliation in model.COUNTRY_OFFICIALS
            else NOTHING
        )
        condition = own | (Q(published_at__isnull=False) & condition)
    return condition


def editing_condition(user, model) -> Q:
    """Q() (everything) for the secretariat; otherwise what `user` may edit of `model`."""
    if is_secretariat(user):
        return Q()
    if not is_signed_in(user):
        return NOTHING
    condition = NOTHING
    if model.EDITING_BODY_FIELD and user.edited_body_ids:
        condition |= Q(**{f"{model.EDITING_BODY_FIELD}__in": user.edited_body_ids})
    if issubclass(model, CountryOwnedFields) and is_focal_point_of(user, user.country_id):
        condition |= Q(owner_country_id=user.country_id, published_at__isnull=True)
    return condition


class AudienceQuerySet(models.QuerySet):
    def visible_to(self, user):
        condition = visibility_condition(user, self.model)
        # The condition joins no many-valued relation (audience_condition), so a plain filter
        # keeps one row per record, and lets the database test a record without listing all.
        return self.filter(condition) if condition != Q() else self.all()

    def editable_by(self, user):
        return self._matching(editing_condition(user, self.model))

    def _matching(self, condition: Q):
        if condition == Q():
            return self.all()
        # Filtering through the bodies relation can match a record once per body; the
        # subquery keeps one row per record without DISTINCT over the whole row.
        return self.filter(pk__in=self.model._base_manager.filter(condition).values("pk"))


class ChildQuerySet(models.QuerySet):
    """For records seen and edited exactly when their parent is (`Model.ACCESS_PARENT`)."""

    def visible_to(self, user):
        return self._through_parent("visible_to", user)

    def editable_by(self, user):
        return self._through_parent("editable_by", user)

    def _through_parent(self, method: str, user):
        path = self.model.ACCESS_PARENT
        parents = getattr(_model_at(self.model, path)._default_manager, method)(user)
        return self.filter(**{f"{path}__in": parents.values("pk")})


def history_visible_to(history_model, user):
    """The history rows (simple_history) of the records `user` may open. A kind with
    `visible_to` shows the rows of the records its filter lets through, and no row of a
    record that is gone (nobody may open it); a kind without one is the secretariat's
    reference data, whose history its pages show to the secretariat only."""
    visible = getattr(history_model.instance_type._default_manager, "visible_to", None)
    rows = history_model.objects.all()
    if visible is None:
        return rows
    return rows.filter(id__in=visible(user).values("pk"))


def _model_at(model, path: str):
    """The model at the end of a relation path such as "paper__folder"."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


class AudienceFields(models.Model):
    """Who may see a record. Restrictive by default: a new record is for the secretariat."""

    # Officials of which affiliations count as "that country's officials" for this kind.
    COUNTRY_OFFICIALS = (Affiliation.MEMBER_STATE,)
    # The foreign key to the body whose editors edit these records; None: the secretariat only.
    EDITING_BODY_FIELD: str | None = None

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


class CountryOwnedFields(AudienceFields):
    """A country's own record: its officials and the secretariat see it until it is published;
    from then on its audience decides who else does."""

    owner_country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta(AudienceFields.Meta):
        abstract = True


class AccountOwnedQuerySet(models.QuerySet):
    """For records an account makes for itself (an observer's request to take part): seen and
    changed by that account (`Model.ACCOUNT_FIELD`) and by the secretariat."""

    def visible_to(self, user):
        if is_secretariat(user):
            return self.all()
        if not is_signed_in(user):
            return self.none()
        return self.filter(**{self.model.ACCOUNT_FIELD: user.pk})

    def editable_by(self, user):
        return self.visible_to(user)


def may_request_participation(user) -> bool:
    """Observer states and organisations, and civil society, ask to take part in meetings;
    member states nominate instead."""
    return is_signed_in(user) and user.affiliation in {
        Affiliation.OBSERVER_STATE,
        Affiliation.OBSERVER_ORGANISATION,
        Affiliation.CIVIL_SOCIETY,
    }


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
    return type(record)._default_manager.visible_to(user).filter(pk=record.pk).exists()


def can_edit(user, record) -> bool:
    return type(record)._default_manager.editable_by(user).filter(pk=record.pk).exists()


def refuse_unless_editable(user, record) -> None:
    """For a service, after it wrote `record` and before its transaction commits: refuse (a
    ValidationError, so that nothing stays written) unless `user` may edit the record as it now
    is, by the rule of `editable_by`. Checked after the write, so that an edit cannot move a
    record out of its author's reach (a body's editor giving it another body). `user` None is
    the system itself: the dataset's load and the demonstration data."""
    if user is not None and not can_edit(user, record):
        raise ValidationError(
            _(
                "You may not make this change: it is for the Technical Secretariat, or for the "
                "editors of the body the record belongs to."
            )
        )


def can_manage_accounts(user) -> bool:
    return is_secretariat(user)


def can_act_for_country(user, country) -> bool:
    """May start a country-owned record for `country`: its focal points and the secretariat."""
    return is_secretariat(user) or is_focal_point_of(user, country)


def admits(user, audience: str) -> bool:
    """`user` belongs to the plain audience `audience` (not a body or country one), as a
    record-level setting such as a meeting's participant list names it."""
    return is_secretariat(user) or audience in plain_audiences(user)


# --- Saying who may see a record, and why the reader can (the "access marker") ---------------

AUDIENCE_WORDING = {
    Audience.PUBLIC: _("everyone"),
    Audience.PARTICIPANTS: _("everyone signed in"),
    Audience.OBSERVERS: _("observers, member states and the Technical Secretariat"),
    Audience.MEMBERS: _("member states and the Technical Secretariat"),
    Audience.SECRETARIAT: _("the Technical Secretariat only"),
}


def audience_description(record) -> str:
    """Who may see `record`, in words: "members of the Consular Protection Network, and the
    Technical Secretariat". Its bodies should be prefetched in lists."""
    if record.audience == Audience.BODY:
        bodies = ", ".join(str(body) for body in record.audience_bodies.all())
        return _("members of %(bodies)s, and the Technical Secretariat") % {"bodies": bodies}
    if record.audience == Audience.COUNTRY:
        return _("officials of %(country)s, and the Technical Secretariat") % {
            "country": record.audience_country
        }
    return str(AUDIENCE_WORDING[record.audience])


def access_reason(user, record) -> str:
    """Why `user`, who can see `record`, may: "you are a member", "you are in the Technical
    Secretariat". Empty for a public record."""
    if record.audience == Audience.PUBLIC:
        return ""
    if record.audience == Audience.BODY and is_signed_in(user):
        shared = [body for body in record.audience_bodies.all() if body.pk in user.body_ids]
        if shared:
            return _("you are a member of %(body)s") % {"body": shared[0]}
    if is_secretariat(user):
        return _("you are in the Technical Secretariat")
    if record.audience == Audience.COUNTRY:
        return _("you are an official of %(country)s") % {"country": record.audience_country}
    if record.audience == Audience.PARTICIPANTS:
        return _("you are signed in")
    if user.affiliation == Affiliation.MEMBER_STATE:
        return _("you are a member-state official")
    return _("your organisation or state is an observer")


def access_marker(user, record) -> str:
    """ "Visible to: …; …": the wording every restricted item shows. Empty for public ones."""
    if record.audience == Audience.PUBLIC:
        return ""
    return _("Visible to: %(audience)s. You can see it because %(reason)s.") % {
        "audience": audience_description(record),
        "reason": access_reason(user, record),
    }
