from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from puebla.core.gates import Access, declare_urls, public_view

# The admin signs people in through allauth, so MFA and the rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
# and changes passwords there, with its re-authentication and rate limits.
admin.site.password_change = lambda request, extra_context=None: redirect("account_change_password")
admin.site.site_header = _("Puebla — RCM")
admin.site.site_title = _("Puebla — RCM")

# Views we include but do not write declare their access here (puebla.core.gates). allauth's
# pages check sign-in themselves where they need it; a person who must set up a second factor
# may still reach the pages that set it up, confirm the password first, or sign out.
admin_urls = admin.site.urls
declare_urls(admin_urls[0], Access.ADMIN)
allauth_urls = declare_urls(
    include("allauth.urls")[0].urlpatterns,
    Access.PUBLIC,
    overrides=dict.fromkeys(
        ("mfa_activate_totp", "mfa_reauthenticate", "account_reauthenticate", "account_logout"),
        Access.ENROLMENT,
    ),
)

urlpatterns = [
    path("admin/", admin_urls),
    *i18n_patterns(
        path("", include("puebla.portal.urls")),
        path("", include("puebla.meetings.urls")),
        path("", include("puebla.search.urls")),
        path("", include("puebla.documents.urls")),
        path("", include("puebla.planning.urls")),
        path("", include("puebla.fund.urls")),
        path("", include("puebla.followup.urls")),
        path("", include("puebla.translation_desk.urls")),
        path("", include("puebla.stats.urls")),
        path("accounts/", include("puebla.accounts.urls")),
        path("accounts/", include(allauth_urls)),
        path("intranet/", include("puebla.intranet.urls")),
        path("intranet/", include("puebla.accounts.intranet_urls")),
        path("intranet/", include("puebla.accounts.account_urls")),
    ),
]

handler429 = "puebla.accounts.views.errors.too_many_requests"
handler500 = "puebla.core.errors.server_error"

if settings.BENCH_MODE:
    # `make bench` only: the cheapest page Django can serve through the whole middleware stack,
    # the framework's ceiling that the benchmark compares every page with.
    urlpatterns.append(
        path("bench/hello/", public_view(lambda request: HttpResponse("Hello, world")))
    )
