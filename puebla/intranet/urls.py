from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.intranet.views import bodies, intranet, notice_editing, participants

app_name = "intranet"

urlpatterns = [
    path("", intranet.my_secretariat, name="home"),
    path(_("notices/"), intranet.notice_list, name="notices"),
    path(_("notices/new/"), notice_editing.notice_new, name="notice_new"),
    path(_("notices/<slug:slug>/edit/"), notice_editing.notice_edit, name="notice_edit"),
    path(_("notices/<slug:slug>/delete/"), notice_editing.notice_delete, name="notice_delete"),
    path(_("notices/<slug:slug>/"), intranet.notice_detail, name="notice"),
    path(_("changes/"), intranet.changes, name="changes"),
    path(_("participants/"), participants.participants, name="participants"),
    path(_("bodies/"), bodies.body_list, name="bodies"),
    path(_("bodies/<slug:slug>/"), bodies.body_page, name="body"),
    path(
        _("bodies/<slug:slug>/editors/<int:pk>/remove/"),
        bodies.body_editor_remove_page,
        name="body_editor_remove",
    ),
]
