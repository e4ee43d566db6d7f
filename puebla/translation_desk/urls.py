from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.translation_desk import views

app_name = "translation_desk"

urlpatterns = [
    path(_("intranet/translations/"), views.desk, name="desk"),
    path(_("intranet/translations/<str:kind>/into/<str:into>/"), views.waiting, name="waiting"),
    path(
        _("intranet/translations/<str:kind>/<int:pk>/<str:field>/into/<str:into>/"),
        views.translate_text,
        name="translate",
    ),
]
