from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.planning.views import editing, public

app_name = "planning"

urlpatterns = [
    path(_("plan-of-action/"), public.plan_page, name="plan"),
    path(_("plan-of-action/historical/"), public.historical_page, name="historical"),
    path(
        _("plan-of-action/global-compact/<int:number>/"),
        public.gcm_objective_page,
        name="gcm_objective",
    ),
    path(_("plan-of-action/items/<int:pk>/"), public.item_page, name="item"),
    path(_("plan-of-action/export.<str:file_format>"), public.export, name="export"),
    path(
        _("plan-of-action/historical/export.<str:file_format>"),
        public.historical_export,
        name="historical_export",
    ),
    path(_("intranet/plan-of-action/"), editing.item_list, name="intranet_list"),
    path(_("intranet/plan-of-action/items/<int:pk>/edit/"), editing.item_edit, name="edit"),
    path(
        _("intranet/plan-of-action/items/<int:pk>/bring-back/"),
        editing.item_bring_back,
        name="bring_back",
    ),
]
