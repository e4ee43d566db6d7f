from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

# The admin signs people in through allauth, so MFA and the rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
# and changes passwords there, with its re-authentication and rate limits.
admin.site.password_change = lambda request, extra_context=None: redirect("account_change_password")
admin.site.site_header = "Puebla — RCM"

urlpatterns = [
    path("admin/", admin.site.urls),
    *i18n_patterns(
        path("", include("puebla.portal.urls")),
        path("accounts/", include("puebla.accounts.urls")),
        path("accounts/", include("allauth.urls")),
        path("intranet/", include("puebla.intranet.urls")),
    ),
]

handler429 = "puebla.accounts.views.errors.too_many_requests"

if settings.BENCH_MODE:
    # `make bench` only: the cheapest page Django can serve through the whole middleware stack,
    # the framework's ceiling that the benchmark compares every page with.
    urlpatterns.append(path("bench/hello/", lambda request: HttpResponse("Hello, world")))
