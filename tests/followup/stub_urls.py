"""The site's URLs plus a stand-in for the request page ("followup:request") while the
follow-up's pages are not there yet: mail links reverse it. Used only when it is missing."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from tests.urls import handler429  # noqa: F401
from tests.urls import urlpatterns as site

stand_in = [path("intranet/follow-up/requests/<int:pk>/", HttpResponse, name="request")]
# First, so that reversing "followup:..." finds it before the site's (still empty) include.
urlpatterns = [*i18n_patterns(path("", include((stand_in, "followup")))), *site]
