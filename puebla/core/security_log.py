"""The security log: sign-ins, failures, lock-outs, MFA changes, rights granted or removed
and denied access.

Only who, what and from where are logged: never passwords, codes, tokens or session keys.
"""

import logging

from puebla.core import logs

logger = logging.getLogger("puebla.security")


def client_address(request) -> str:
    """The address the sign-in limits count (TRUSTED_PROXY_COUNT): the visitor's, not a proxy's."""
    return logs.client_address(request)


def _user_label(user) -> str:
    return f"user={user.pk}" if user is not None and user.pk else "user=-"


def on_signed_in(sender, request, user, **kwargs):
    logger.info("sign-in %s ip=%s", _user_label(user), client_address(request))


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # `credentials` holds the password too: log only the address that was tried.
    tried = credentials.get("email") or credentials.get("username") or "-"
    logger.warning("sign-in-failed email=%s ip=%s", tried, client_address(request))


def on_signed_out(sender, request, user, **kwargs):
    logger.info("sign-out %s ip=%s", _user_label(user), client_address(request))


def on_mfa_changed(event: str):
    def receiver(sender, request, user, authenticator=None, **kwargs):
        kind = getattr(authenticator, "type", "-")
        logger.info(
            "mfa-%s %s type=%s ip=%s", event, _user_label(user), kind, client_address(request)
        )

    return receiver


def on_mfa_failed(sender, request, user, **kwargs):
    logger.warning("mfa-failed %s ip=%s", _user_label(user), client_address(request))


def lockout(request, *, limit: str = "") -> None:
    """A request refused by a rate limit; `limit` names which ("account", "ip") when known."""
    logger.warning(
        "rate-limited path=%s ip=%s%s",
        request.path,
        client_address(request),
        f" limit={limit}" if limit else "",
    )


def access_denied(request, what: str) -> None:
    logger.warning(
        "access-denied %s %s ip=%s",
        _user_label(getattr(request, "user", None)),
        what,
        client_address(request),
    )


def role_changed(*, role: str, granted: bool, user, by, via: str) -> None:
    """A right given or taken: who, to whom, by which path (admin, invitation, ...)."""
    logger.info(
        "role-%s role=%s %s by=%s via=%s",
        "granted" if granted else "removed",
        role,
        _user_label(user),
        by.pk if by is not None else "system",
        via,
    )


def right_changed(*, right: str, value: str, user, by, via: str) -> None:
    """Any other right-bearing field of an account changed: affiliation, country, focal point,
    staff, superuser, active, groups (`value` is the new one: never a secret)."""
    logger.info(
        "right-changed right=%s value=%s %s by=%s via=%s",
        right,
        value,
        _user_label(user),
        by.pk if by is not None else "system",
        via,
    )


def personal_data_exported(request, *, what: str, rows: int) -> None:
    """A file of people's names or contacts left Puebla: who took it, which, how many rows."""
    logger.info(
        "personal-data-exported %s what=%s rows=%d ip=%s",
        _user_label(getattr(request, "user", None)),
        what,
        rows,
        client_address(request),
    )


def role_invited(*, role: str, invitation_id: int, by) -> None:
    """An invitation that will grant a right when accepted."""
    logger.info(
        "role-invited role=%s invitation=%s by=%s",
        role,
        invitation_id,
        by.pk if by is not None else "system",
    )


def backup_written(*, archive: str, rows: int, files: int) -> None:
    """An archive of the whole instance: what an attacker with the disk would want."""
    logger.info("backup-written archive=%s rows=%d files=%d", archive, rows, files)


def backup_restored(*, archive: str, replaced: bool, how: str, rows: int, files: int) -> None:
    """The whole instance put back: what it held before is gone if `replaced`."""
    logger.warning(
        "backup-restored archive=%s replaced=%s how=%s rows=%d files=%d",
        archive,
        replaced,
        how,
        rows,
        files,
    )


def undeclared_view(request, view_name: str) -> None:
    """A view that declares no access was refused: a programming error, logged as one."""
    logger.error("undeclared-view %s path=%s", view_name, request.path)


def connect() -> None:
    from allauth.account.signals import user_logged_in
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth.signals import user_logged_out, user_login_failed

    user_logged_in.connect(on_signed_in, dispatch_uid="puebla-security-signed-in")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="puebla-security-sign-in-failed")
    user_logged_out.connect(on_signed_out, dispatch_uid="puebla-security-signed-out")
    for event, signal in [
        ("added", mfa_signals.authenticator_added),
        ("removed", mfa_signals.authenticator_removed),
        ("reset", mfa_signals.authenticator_reset),
    ]:
        # weak=False: nothing else holds these closures, and a weak reference would let them go.
        signal.connect(
            on_mfa_changed(event), weak=False, dispatch_uid=f"puebla-security-mfa-{event}"
        )
    mfa_signals.authentication_failed.connect(
        on_mfa_failed, dispatch_uid="puebla-security-mfa-failed"
    )
