from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.stats import public, views

app_name = "stats"

urlpatterns = [
    path(_("statistics/"), public.index, name="index"),
    path(_("statistics/<slug:key>/"), public.latest_page, name="latest"),
    path(_("statistics/<slug:key>/<int:number>/"), public.release_page, name="release"),
    path(
        _("statistics/<slug:key>/latest.<str:file_format>"), public.latest_file, name="latest_file"
    ),
    path(
        _("statistics/<slug:key>/<int:number>.<str:file_format>"),
        public.release_file,
        name="release_file",
    ),
    path(_("intranet/statistics/structures/<int:pk>/publish/"), views.publish, name="publish"),
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
