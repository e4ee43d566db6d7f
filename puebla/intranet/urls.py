from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.intranet.views import intranet, participants

app_name = "intranet"

urlpatterns = [
    path("", intranet.my_secretariat, name="home"),
    path(_("notices/"), intranet.notice_list, name="notices"),
    path(_("notices/<slug:slug>/"), intranet.notice_detail, name="notice"),
    path(_("changes/"), intranet.changes, name="changes"),
    path(_("participants/"), participants.participants, name="participants"),
]
