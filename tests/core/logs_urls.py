"""The project's URLs plus two that fail, for tests/core/test_logs.py: one with a `token`
argument (as a future URL carrying a secret would have), one without."""

from django.urls import path

from puebla.core.gates import public_view
from tests.urls import urlpatterns as test_urlpatterns


@public_view
def fails(request, **kwargs):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    *test_urlpatterns,
    path("fails/<str:token>/", fails),
    path("fails/plain/<slug:slug>/", fails),
]
