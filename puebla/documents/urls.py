from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.documents.views import editing, public

app_name = "documents"

urlpatterns = [
    path(_("documents/"), public.library, name="library"),
    path(_("documents/<slug:slug>/"), public.document_page, name="document"),
    path(_("documents/<slug:slug>/files/<int:pk>/"), public.download, name="download"),
    path(_("intranet/documents/new/"), editing.document_new, name="new"),
    path(_("intranet/documents/<slug:slug>/edit/"), editing.document_edit, name="edit"),
    path(_("intranet/documents/<slug:slug>/files/"), editing.upload, name="upload"),
    path(
        _("intranet/documents/<slug:slug>/files/<int:pk>/restore/"),
        editing.restore,
        name="restore",
    ),
]
