"""No model's history can be reverted through the admin: the revert form would save an old copy
past the services and the rights checks, whichever app the model belongs to."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from puebla.core.history_admin import ReadOnlyHistoryAdmin
from puebla.directory.models import Presidency

pytestmark = pytest.mark.django_db


def test_every_admin_with_history_is_read_only():
    with_history = {
        model._meta.label: type(model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    }
    assert "directory.Presidency" in with_history and "intranet.Notice" in with_history
    assert {
        label: cls
        for label, cls in with_history.items()
        if not issubclass(cls, ReadOnlyHistoryAdmin)
    } == {}


def test_the_secretariat_cannot_revert_a_presidency_through_history(client, sign_in):
    sign_in("secretariat")
    presidency = Presidency.objects.order_by("year").first()
    presidency.motto_en = "Changed by staff"
    presidency.save()
    first_version = presidency.history.earliest("history_date")
    url = reverse(
        "admin:directory_presidency_simple_history", args=[presidency.pk, first_version.history_id]
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": presidency.year, "motto_en": "Reverted"})
    assert response.status_code == 403
    presidency.refresh_from_db()
    assert presidency.motto_en == "Changed by staff"
