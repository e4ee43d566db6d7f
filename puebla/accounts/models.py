"""People who sign in, what they are affiliated with, and how they were invited.

A user's affiliation (a member state, an observer state or organisation, civil society, the
Technical Secretariat) and two role flags (focal point, fund officer) decide what they may
reach; `puebla.core.access` turns them into audiences. Membership of bodies comes from the
directory: the appointments of the Person the user is linked to.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.accounts.querysets import UserQuerySet
from puebla.core import access
from puebla.core.affiliation import (
    AFFILIATIONS_WITH_COUNTRY,
    AFFILIATIONS_WITH_ORGANISATION,
    Affiliation,
)
from puebla.directory.models import Appointment, Body, Country, Organisation, Person


class AffiliationFields(models.Model):
    """Whom a person works for and their roles; the same for a user and their invitation."""

    affiliation = models.CharField(_("affiliation"), max_length=30, choices=Affiliation.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("Answers requests and nominates delegates for the country."),
    )
    is_fund_officer = models.BooleanField(_("Reserve Fund officer"), default=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(affiliation__in=AFFILIATIONS_WITH_COUNTRY)
                | Q(country__isnull=False, organisation__isnull=True),
                name="%(class)s_state_affiliation_names_country",
            ),
            models.CheckConstraint(
                condition=~Q(affiliation__in=AFFILIATIONS_WITH_ORGANISATION)
                | Q(organisation__isnull=False, country__isnull=True),
                name="%(class)s_organisation_affiliation_names_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(affiliation=Affiliation.SECRETARIAT) | Q(country__isnull=True),
                name="%(class)s_secretariat_has_no_country",
            ),
            models.CheckConstraint(
                condition=Q(is_focal_point=False) | Q(affiliation=Affiliation.MEMBER_STATE),
                name="%(class)s_focal_points_are_member_state_officials",
            ),
        ]


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("affiliation", Affiliation.SECRETARIAT)
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AffiliationFields, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="es"
    )
    person = models.OneToOneField(
        Person,
        verbose_name=_("directory entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        help_text=_("Appointments of this person to bodies give access to those bodies' records."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May use the administration site.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    sessions_ended_at = models.DateTimeField(
        _("sessions ended"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Sessions opened before this moment no longer work (set on deactivation)."),
    )

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "affiliation"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
            *AffiliationFields.Meta.constraints,
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        """Deactivation ends every session, wherever it was saved, so that reactivating the
        account does not bring them back."""
        update_fields = kwargs.get("update_fields")
        saves_is_active = update_fields is None or "is_active" in update_fields
        if saves_is_active and getattr(self, "_loaded_is_active", None) and not self.is_active:
            self.sessions_ended_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sessions_ended_at"}
        super().save(*args, **kwargs)
        self._loaded_is_active = self.is_active

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._loaded_is_active = user.__dict__.get("is_active")
        return user

    def _get_session_auth_hash(self, secret=None):
        # Django's hash of the password (which signs a session out when it changes), bound to
        # the moment the sessions were last ended: a session made before it no longer matches.
        if self.sessions_ended_at is None:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "puebla.accounts.User.session_auth_hash",
            f"{self.password}|{self.sessions_ended_at.isoformat()}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_secretariat(self) -> bool:
        return access.is_secretariat(self)

    @property
    def requires_mfa(self) -> bool:
        """Whoever can see everything, administer, or open case files must use a second factor."""
        return self.is_secretariat or self.is_fund_officer or self.is_superuser or self.is_staff

    @property
    def may_administer(self) -> bool:
        """The admin is for active secretariat staff (and superusers), whatever is_staff says."""
        return self.is_active and self.is_staff and (self.is_secretariat or self.is_superuser)

    @cached_property
    def body_ids(self) -> frozenset[int]:
        """Bodies the user belongs to today, through their directory appointments."""
        if not self.person_id:
            return frozenset()
        return frozenset(
            Appointment.objects.current()
            .filter(person_id=self.person_id)
            .values_list("body_id", flat=True)
        )

    @cached_property
    def edited_body_ids(self) -> frozenset[int]:
        """Bodies whose records the user edits: current appointments as the body's editor."""
        if not self.person_id:
            return frozenset()
        return frozenset(
            self.person.appointments.current()
            .filter(role=Appointment.Role.EDITOR)
            .values_list("body_id", flat=True)
        )


def hash_token(token: str) -> str:
    """Invitation tokens are stored hashed, so a database dump cannot be used to sign up."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def in_state(self, state: str):
        """The invitations whose `Invitation.state` is `state` (the same rules, in the query)."""
        now = timezone.now()
        return {
            "pending": self.pending(),
            "accepted": self.filter(accepted_at__isnull=False),
            "revoked": self.filter(accepted_at__isnull=True, revoked_at__isnull=False),
            "expired": self.filter(
                accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now
            ),
        }[state]


class Invitation(AffiliationFields):
    """An invitation to open an account, sent by the secretariat; works once, for 7 days."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("e-mail address"))
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    language = models.CharField(
        _("language of the invitation"), max_length=5, choices=settings.LANGUAGES, default="es"
    )
    bodies = models.ManyToManyField(
        Body,
        verbose_name=_("member of bodies"),
        blank=True,
        related_name="+",
        help_text=_("E.g. a liaison officer network or a working group."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("directory entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Only if this person is already in the directory; otherwise an entry is created."
        ),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the demonstration accounts, which the system invites itself."),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = AffiliationFields.Meta.constraints

    def __str__(self):
        return f"{self.given_name} {self.family_name} <{self.email}>"

    @property
    def state(self) -> "Invitation.State":
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING
