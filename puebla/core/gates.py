"""Every view declares who may use it; one middleware enforces the declarations (DESIGN.md §3).

A view of ours is declared with a decorator (`public_view`, `signed_in_view`,
`secretariat_view`, `fund_view`); a URL configuration we do not write (allauth's, the admin's)
is declared where it is included, with `declare_urls`. `ViewAccessMiddleware` then:

- refuses, as "not found", any view that declared nothing, so that a new app's page cannot be
  reached until somebody decides who may see it;
- sends anyone whose role requires a second factor (`user.requires_mfa`) and who has not set one
  up to the set-up page, from every page but the few needed to set it up (`ENROLMENT`): no app,
  including the ones added later, is reachable without it;
- signs in, or answers "not found" to, people outside the declared audience: a page someone may
  not use does not exist for them, exactly like a record they may not see;
- marks every response to a signed-in person `Cache-Control: no-store`, so that no shared or
  back-button cache keeps a page that was made for one person.
"""

import enum

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLResolver
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from puebla.core import access, security_log

ATTRIBUTE = "puebla_access"
MIDDLEWARE_PATH = "puebla.core.gates.ViewAccessMiddleware"


class Access(enum.StrEnum):
    PUBLIC = "public"  # anyone
    ENROLMENT = "enrolment"  # anyone, even before setting up a required second factor
    SIGNED_IN = "signed_in"  # any active account
    SECRETARIAT = "secretariat"  # the Technical Secretariat
    FUND = "fund"  # Reserve Fund officers (sensitive personal data)
    ADMIN = "admin"  # the administration site: active secretariat staff and superusers


def declare(access_level: Access):
    """Mark a view (function or class) as usable by `access_level`; see the module docstring."""

    def mark(view):
        setattr(view, ATTRIBUTE, access_level)
        return view

    return mark


public_view = declare(Access.PUBLIC)
signed_in_view = declare(Access.SIGNED_IN)
secretariat_view = declare(Access.SECRETARIAT)
fund_view = declare(Access.FUND)


def declare_urls(patterns, access_level: Access, *, overrides: dict[str, Access] | None = None):
    """Declare every view of a URL configuration we include but do not write.

    `overrides` maps URL names to another level. A view function shared by two patterns must
    not be given two different levels: that raises, rather than letting the last one win.
    """
    overrides = overrides or {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            declare_urls(pattern.url_patterns, access_level, overrides=overrides)
            continue
        wanted = overrides.get(pattern.name, access_level)
        view = pattern.callback
        existing = getattr(view, ATTRIBUTE, None)
        if existing is not None and existing != wanted:
            raise ValueError(
                f"{pattern.name or pattern.pattern} is declared {existing}, not {wanted}"
            )
        setattr(view, ATTRIBUTE, wanted)
    return patterns


def declared_access(view) -> Access | None:
    level = getattr(view, ATTRIBUTE, None)
    if level is None and hasattr(view, "view_class"):  # a class-based view's as_view()
        level = getattr(view.view_class, ATTRIBUTE, None)
    return level


def needs_second_factor(user) -> bool:
    """Signed in, required to use a second factor, and without one (checked on every request,
    one query, so that removing the authenticator takes effect at once)."""
    if not user.is_authenticated or not user.requires_mfa:
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class ViewAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        level = declared_access(view_func)
        view_name = request.resolver_match.view_name if request.resolver_match else request.path
        if level is None:
            security_log.undeclared_view(request, view_name)
            raise Http404
        user = request.user
        if level != Access.ENROLMENT and needs_second_factor(user):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        if level in {Access.PUBLIC, Access.ENROLMENT}:
            return None
        if level == Access.ADMIN:
            # The admin sends anonymous visitors to its own login (wrapped by allauth's).
            if user.is_authenticated and not user.may_administer:
                return self._refuse(request, view_name)
            return None
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        allowed = {
            Access.SIGNED_IN: user.is_active,
            Access.SECRETARIAT: access.is_secretariat(user),
            Access.FUND: access.is_fund_officer(user),
        }[level]
        return None if allowed else self._refuse(request, view_name)

    @staticmethod
    def _refuse(request, view_name):
        security_log.access_denied(request, f"page:{view_name}")
        raise Http404


@checks.register(checks.Tags.security)
def check_middleware_installed(app_configs, **kwargs):
    """Declarations protect nothing without the middleware that reads them."""
    if MIDDLEWARE_PATH in settings.MIDDLEWARE:
        return []
    return [
        checks.Error(
            f"{MIDDLEWARE_PATH} is not in MIDDLEWARE: views' declared access is not enforced.",
            id="puebla.E001",
        )
    ]
