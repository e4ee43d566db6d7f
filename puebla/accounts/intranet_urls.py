"""The secretariat's invitation pages, mounted inside the intranet (puebla/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.accounts.views import intranet

app_name = "invitations"

urlpatterns = [
    path(_("invitations/"), intranet.invitation_list, name="list"),
    path(_("invitations/new/"), intranet.invitation_new, name="new"),
    path(_("invitations/<int:pk>/withdraw/"), intranet.invitation_withdraw, name="withdraw"),
    path(_("invitations/<int:pk>/resend/"), intranet.invitation_resend, name="resend"),
    path(_("invitations/<int:pk>/renew/"), intranet.invitation_renew, name="renew"),
]
