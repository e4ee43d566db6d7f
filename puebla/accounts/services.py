"""Writes for accounts: inviting people, accepting invitations, keeping roles and rights in step."""

import datetime
import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from puebla.accounts.mfa_adapter import fernet, is_encrypted
from puebla.accounts.models import Invitation, User, hash_token
from puebla.accounts.permissions import administers, fund_officer_change_refusal
from puebla.core import security_log
from puebla.core.mail import subject_prefixed
from puebla.directory.models import Appointment, Body, Person

INVITATION_LIFETIME = datetime.timedelta(days=7)
SECRETARIAT_GROUP = "Technical Secretariat"
# Apps whose records the secretariat keeps in the admin; later apps add themselves here.
SECRETARIAT_ADMIN_APPS = ["directory", "accounts", "intranet"]


class InvitationUnusable(Exception):
    """The invitation link cannot be used; `reason` says why, for the person holding it."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@transaction.atomic
def invitation_create(
    *,
    invited_by: User | None,
    email: str,
    given_name: str,
    family_name: str,
    language: str,
    affiliation: str,
    country=None,
    organisation=None,
    is_focal_point: bool = False,
    is_fund_officer: bool = False,
    bodies: list[Body] | tuple = (),
    person: Person | None = None,
    notify: bool = True,
) -> Invitation:
    """Record an invitation and mail its one-time link (after commit) in the invitee's language.

    The link's token is on the returned object only (`invitation.token`); the database keeps
    its hash. `notify=False` sends no mail: for the demonstration and test accounts, which the
    system invites and accepts itself (puebla.accounts.roles). `invited_by` is None only then.
    """
    email = email.strip().lower()
    if is_fund_officer and (refusal := fund_officer_change_refusal(by=invited_by)):
        raise ValidationError({"is_fund_officer": refusal})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This directory entry already belongs to an account.")})
    # One usable link per address: the newest invitation replaces the ones before it.
    for earlier in Invitation.objects.pending().filter(email__iexact=email):
        invitation_withdraw(invitation=earlier, by=invited_by)
    # Two accounts cannot share a directory entry: the second acceptance would fail.
    if person is not None and Invitation.objects.pending().filter(person=person).exists():
        raise ValidationError(
            {
                "person": _(
                    "A pending invitation to another address already names this directory "
                    "entry. Withdraw that invitation first, or choose another entry."
                )
            }
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation(
        email=email,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        language=language,
        affiliation=affiliation,
        country=country,
        organisation=organisation,
        is_focal_point=is_focal_point,
        is_fund_officer=is_fund_officer,
        person=person,
        token_hash=hash_token(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation._history_user = invited_by
    invitation.save()
    invitation.bodies.set(bodies)
    if is_fund_officer:
        security_log.role_invited(role="fund-officer", invitation_id=invitation.pk, by=invited_by)
    if notify:
        transaction.on_commit(lambda: _mail_invitation(invitation, token))
    invitation.token = token
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User | None) -> Invitation:
    """Withdraw an invitation so that its link no longer works; an accepted one cannot be."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError(
            _("This invitation was already accepted. Deactivate the account instead.")
        )
    if invitation.state != Invitation.State.REVOKED:
        invitation.revoked_at = timezone.now()
        invitation._history_user = by
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_renew(*, invitation: Invitation, by: User) -> Invitation:
    """Give a pending or expired invitation another full lifetime; its link stays the same."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _refuse_unless_open(invitation)
    invitation.expires_at = timezone.now() + INVITATION_LIFETIME
    invitation._history_user = by
    invitation.save(update_fields=["expires_at"])
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """Mail a new link (after commit) with a full lifetime; the old link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _refuse_unless_open(invitation)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + INVITATION_LIFETIME
    invitation._history_user = by
    invitation.save(update_fields=["token_hash", "expires_at"])
    transaction.on_commit(lambda: _mail_invitation(invitation, token))
    return invitation


def _refuse_unless_open(invitation: Invitation) -> None:
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError(
            _("This invitation was already accepted. Deactivate the account instead.")
        )
    if invitation.state == Invitation.State.REVOKED:
        raise ValidationError(_("This invitation was withdrawn. Send a new invitation instead."))


def _mail_invitation(invitation: Invitation, token: str) -> None:
    with translation.override(invitation.language):
        # The configured address, never the Host header of the request that sent it.
        path = reverse("accounts:invitation_accept", kwargs={"token": token})
        link = settings.SITE_URL + path
        context = {
            "invitation": invitation,
            "bodies": list(invitation.bodies.all()),
            "link": link,
            "expires_at": timezone.localtime(invitation.expires_at),
            "time_zone": settings.TIME_ZONE,
        }
        send_mail(
            subject=subject_prefixed(_("Your invitation to the RCM virtual secretariat")),
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )


def already_used_message() -> str:
    return _(
        "This invitation has already been used. Sign in with your e-mail address and password."
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link points at, or InvitationUnusable saying why it cannot be used."""
    invitation = Invitation.objects.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationUnusable(
            _("This invitation link is not valid. Check that you copied the whole link.")
        )
    state = invitation.state
    if state == Invitation.State.ACCEPTED:
        raise InvitationUnusable(already_used_message())
    if state == Invitation.State.REVOKED:
        raise InvitationUnusable(
            _("This invitation was withdrawn. Ask the Technical Secretariat for a new one.")
        )
    if state == Invitation.State.EXPIRED:
        raise InvitationUnusable(
            _("This invitation has expired. Ask the Technical Secretariat for a new one.")
        )
    return invitation


def user_stamp_sign_in(sender, user, **kwargs) -> None:
    """Record the time of a sign-in (Django's last_login) without writing a history row."""
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the account an invitation describes. Works once: a second use is refused."""
    started = timezone.now()
    invitation = invitation_for_token(token)
    # The conditional update is the guard against two simultaneous uses of one link.
    claimed = (
        Invitation.objects.pending().filter(pk=invitation.pk).update(accepted_at=timezone.now())
    )
    if claimed != 1:
        raise InvitationUnusable(already_used_message())
    # Work from the row as it is now, locked, not from the copy read before the claim.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationUnusable(
            _("An account with this e-mail address already exists. Sign in instead.")
        )
    if invitation.person_id and User.objects.filter(person_id=invitation.person_id).exists():
        # Refused when inviting; this catches two invitations sent at the same moment.
        raise InvitationUnusable(
            _(
                "The directory entry of this invitation already belongs to another account. "
                "Ask the Technical Secretariat for a new invitation."
            )
        )
    person = _directory_entry(invitation)
    user = User.objects.create_user(
        invitation.email,
        password,
        full_name=f"{invitation.given_name} {invitation.family_name}",
        language=invitation.language,
        affiliation=invitation.affiliation,
        country=invitation.country,
        organisation=invitation.organisation,
        is_focal_point=invitation.is_focal_point,
        is_fund_officer=invitation.is_fund_officer,
        person=person,
    )
    user_sync_rights(user=user)
    if user.is_fund_officer:
        security_log.role_changed(
            role="fund-officer", granted=True, user=user, by=invitation.invited_by, via="invitation"
        )
    # The invitation reached this address, which proves it; no separate confirmation mail.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    invitation.user = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    _credit_history_to(user, since=started, records=[user, person, invitation])
    return user


def _credit_history_to(user: User, *, since, records) -> None:
    """The history rows an acceptance wrote are the invitee's doing, though they had no account
    when the rows were written (the account's own creation among them)."""
    for record in records:
        record.history.filter(history_user__isnull=True, history_date__gte=since).update(
            history_user=user
        )
    Appointment.history.filter(
        person_id=user.person_id, history_user__isnull=True, history_date__gte=since
    ).update(history_user=user)


def _directory_entry(invitation: Invitation) -> Person:
    """The directory entry the secretariat chose, or a new one.

    Never one found by e-mail address: its appointments would give access to bodies that the
    invitation did not grant.
    """
    person = invitation.person
    if person is None:
        base = slugify(f"{invitation.given_name} {invitation.family_name}") or "person"
        slug, number = base, 1
        while Person.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        person = Person.objects.create(
            slug=slug,
            given_name=invitation.given_name,
            family_name=invitation.family_name,
            email=invitation.email,
        )
    for body in invitation.bodies.all():
        Appointment.objects.get_or_create(
            person=person,
            body=body,
            start=timezone.localdate(),
            defaults={
                "role": Appointment.Role.MEMBER,
                "title_es": "Miembro",
                "title_en": "Member",
                "country": invitation.country,
                "organisation": invitation.organisation,
            },
        )
    return person


@transaction.atomic
def user_sync_rights(*, user: User) -> None:
    """Secretariat staff use the admin with the secretariat's permissions; nobody else does.

    Run whenever a user's affiliation may have changed (acceptance, an edit in the admin), so
    that someone who leaves the secretariat loses the admin and its permissions at once.
    Superusers are left as they are: only another superuser manages them.
    """
    if user.is_superuser:
        return
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    is_secretariat = administers(user)
    if user.is_staff != is_secretariat:
        user.is_staff = is_secretariat
        user.save(update_fields=["is_staff"])
    if is_secretariat:
        if group:
            user.groups.add(group)
    else:
        user.groups.clear()
        user.user_permissions.clear()


def secretariat_group_sync(**kwargs) -> None:
    """Give the secretariat's group every permission on the apps it administers."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=SECRETARIAT_ADMIN_APPS)
    )


@transaction.atomic
def mfa_secrets_reencrypt() -> int:
    """Encrypt every stored second-factor secret with the newest MFA key; return how many
    authenticators changed. Run after putting a new key first in MFA_ENCRYPTION_KEYS, then drop
    the old key; values stored in clear before encryption existed are encrypted too."""
    changed = 0
    for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
        data = dict(authenticator.data)
        for field in ("secret", "seed"):
            if isinstance(data.get(field), str):
                data[field] = _reencrypt(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [_reencrypt(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            changed += 1
    return changed


def _reencrypt(value: str) -> str:
    if is_encrypted(value):
        return fernet().rotate(value.encode()).decode()
    return fernet().encrypt(value.encode()).decode()


@transaction.atomic
def user_fund_officer_set(*, user: User, granted: bool, by: User | None, via: str) -> User:
    """Grant or remove the Reserve Fund officer role (fund_officer_change_refusal says who may),
    with the history and the security log saying who did it."""
    if refusal := fund_officer_change_refusal(by=by, user=user):
        raise ValidationError({"is_fund_officer": refusal})
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_fund_officer == granted:
        return user
    user.is_fund_officer = granted
    user._history_user = by
    user.save(update_fields=["is_fund_officer"])
    security_log.role_changed(role="fund-officer", granted=granted, user=user, by=by, via=via)
    return user


def user_can_be_deactivated_by(user: User, by: User) -> bool:
    """Secretariat staff manage ordinary accounts; a superuser's or a colleague's is left to a
    superuser, as in the admin. Nobody switches off their own account here."""
    if user.pk == by.pk:
        return False
    return by.is_superuser or not (user.is_superuser or user.is_staff)


def user_deactivate(*, user: User, by: User, reason: str) -> User:
    """Switch an account off: it can no longer sign in, every session it has ends at once, and
    its history (with the reason) is kept. `user_reactivate` undoes it."""
    return _user_set_active(user=user, by=by, reason=reason, active=False)


def user_reactivate(*, user: User, by: User, reason: str) -> User:
    """Switch a deactivated account on again; its old sessions stay ended."""
    return _user_set_active(user=user, by=by, reason=reason, active=True)


@transaction.atomic
def _user_set_active(*, user: User, by: User, reason: str, active: bool) -> User:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _("Say why the account is reactivated.")
                if active
                else _("Say why the account is deactivated.")
            }
        )
    if not user_can_be_deactivated_by(user, by):
        raise ValidationError(
            _("Only a superuser may reactivate this account.")
            if active
            else _("Only a superuser may deactivate this account.")
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active  # User.save ends the sessions on deactivation (sessions_ended_at)
    user._history_user = by
    user._change_reason = reason
    user.save()
    security_log.right_changed(
        right="active", value="yes" if active else "no", user=user, by=by, via="intranet"
    )
    if not active:
        for session in UserSession.objects.filter(user=user):
            session.end()
    return user
