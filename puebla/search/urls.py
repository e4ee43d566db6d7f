from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.search import thesaurus_views, views

app_name = "search"

urlpatterns = [
    path(_("search/"), views.results, name="results"),
    path(_("intranet/thesaurus/"), thesaurus_views.pair_list, name="thesaurus"),
    path(_("intranet/thesaurus/new/"), thesaurus_views.pair_new, name="thesaurus_new"),
    path(_("intranet/thesaurus/<int:pk>/"), thesaurus_views.pair_edit, name="thesaurus_edit"),
    path(
        _("intranet/thesaurus/<int:pk>/delete/"),
        thesaurus_views.pair_delete,
        name="thesaurus_delete",
    ),
]
