from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.portal.views import public

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path(_("members/"), public.members, name="members"),
    path(_("structure/"), public.structure, name="structure"),
    path(_("presidencies/"), public.presidencies, name="presidencies"),
    path(_("contact/"), public.contact, name="contact"),
]
