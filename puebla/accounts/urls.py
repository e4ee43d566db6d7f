from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.accounts.views import public

app_name = "accounts"

urlpatterns = [
    path(_("invitation/<str:token>/"), public.invitation_accept, name="invitation_accept"),
]
