"""The secretariat's account pages in the intranet: the accounts, deactivating and reactivating."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.accounts.views import accounts

app_name = "user_accounts"

urlpatterns = [
    path(_("accounts/"), accounts.account_list, name="list"),
    path(_("accounts/<int:pk>/deactivate/"), accounts.account_deactivate, name="deactivate"),
    path(_("accounts/<int:pk>/reactivate/"), accounts.account_reactivate, name="reactivate"),
]
