"""Every URL pattern of the project, turned into a concrete URL to request."""

import datetime
import re

from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from puebla.accounts.models import Invitation, User
from puebla.directory.models import Country, Organisation


def all_patterns(patterns=None, prefix="", namespaces=()):
    """(qualified name, route) for every URL pattern the resolver knows, unnamed ones too."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from all_patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), namespaces + namespace
            )
        else:
            yield (
                ":".join((*namespaces, pattern.name or f"<unnamed {pattern.pattern}>")),
                prefix + str(pattern.pattern),
            )


ADMIN_NAME = re.compile(
    r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z_]+?)_(?P<action>changelist|add|change|delete|history|simple_history|autocomplete)$"
)


def admin_model(name: str):
    match = ADMIN_NAME.match(name)
    if not match:
        return None, None
    for model in apps.get_app_config(match["app"]).get_models():
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model, name.rsplit("_", 1)[-1] if not name.endswith(
                "simple_history"
            ) else "simple_history"
    return None, None


def admin_cases():
    """(name, concrete URL) for each admin pattern, filled with real objects."""
    for name, route in all_patterns():
        if not name.startswith("admin:"):
            continue
        if name.startswith("admin:<unnamed"):
            yield name, _unnamed_admin_url(route)
            continue
        model, action = admin_model(name)
        if action == "simple_history":  # simple-history's pattern takes positional arguments
            instance = model._default_manager.order_by("pk").first()
            yield (
                name,
                reverse(
                    name,
                    args=[instance.pk, instance.history.order_by("history_id").first().history_id],
                ),
            )
            continue
        kwargs = {}
        if "<app_label>" in route or "(?P<app_label>" in route:
            kwargs["app_label"] = "directory"
        if model is not None and "object_id" in route:
            instance = model._default_manager.order_by("pk").first()
            if instance is None:
                raise LookupError(f"no {model._meta.label} to open {name} with")
            kwargs["object_id"] = instance.pk
            if "history_id" in route:
                kwargs["history_id"] = instance.history.order_by("history_id").first().history_id
        if "<id>" in route:  # the user admin's password page
            kwargs["id"] = User.objects.order_by("pk").first().pk
        if "content_type_id" in route:
            kwargs = {
                "content_type_id": ContentType.objects.get_for_model(Country).pk,
                "object_id": Country.objects.first().pk,
            }
        yield name, reverse(name, kwargs=kwargs or None)


def create_samples(secretariat) -> None:
    """Records that the dataset has none of, so that every admin page has an object to open."""
    Invitation.objects.create(
        email="sample@example.org",
        given_name="Sample",
        family_name="Invitee",
        affiliation="civil_society",
        organisation=Organisation.objects.get(slug="rncom"),
        token_hash="0" * 64,
        invited_by=secretariat,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    UserSession.objects.create(
        user=secretariat, ip="127.0.0.1", session_key="sample-session", user_agent="matrix"
    )


def _unnamed_admin_url(route: str) -> str:
    """The admin's unnamed patterns: a model's old-style object URL, or the catch-all."""
    parts = route.split("/")
    if len(parts) >= 4 and parts[3] == "<path:object_id>":
        model = apps.get_model(parts[1], parts[2])
        return f"/admin/{parts[1]}/{parts[2]}/{model._default_manager.order_by('pk').first().pk}/"
    return "/admin/directory/no-such-page/"
