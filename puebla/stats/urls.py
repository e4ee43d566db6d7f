from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.stats import views

app_name = "stats"

urlpatterns = [
    path(_("intranet/statistics/rounds/"), views.round_list, name="rounds"),
    path(_("intranet/statistics/rounds/new/"), views.round_new, name="round_new"),
    path(_("intranet/statistics/rounds/<int:pk>/"), views.round_page, name="round"),
    path(
        _("intranet/statistics/structures/<int:pk>/template.<slug:file_format>"),
        views.template_download,
        name="template",
    ),
    path(
        _("intranet/statistics/structures/<int:pk>/structure.xml"),
        views.structure_download,
        name="structure",
    ),
]
