"""The project's URLs plus the test-only access app's (tests/accessapp)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from puebla.urls import handler429, handler500  # noqa: F401
from puebla.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("test-access/", include("tests.accessapp.urls"))),
]
