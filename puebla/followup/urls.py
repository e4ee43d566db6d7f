from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.followup.views import commitments, completeness, dashboard, matrix, requests

app_name = "followup"

urlpatterns = [
    path(_("intranet/follow-up/requests/"), requests.request_list, name="requests"),
    path(_("intranet/follow-up/requests/new/"), requests.request_new, name="request_new"),
    path(_("intranet/follow-up/requests/<int:pk>/"), requests.request_page, name="request"),
    path(
        _("intranet/follow-up/requests/<int:pk>/template/"),
        requests.template_download,
        name="template",
    ),
    path(
        _("intranet/follow-up/requests/<int:pk>/answers/<int:answer_pk>/"),
        requests.answer_decide,
        name="answer",
    ),
    path(
        _("intranet/follow-up/requests/<int:pk>/files/<int:file_pk>/"),
        requests.answer_file,
        name="answer_file",
    ),
    path(
        _("intranet/follow-up/commitments/<int:pk>/"),
        commitments.commitment_page,
        name="commitment",
    ),
    path(
        _("intranet/follow-up/completeness/"),
        completeness.completeness_page,
        name="completeness",
    ),
    path(
        _("intranet/follow-up/completeness.xlsx"),
        completeness.completeness_export,
        name="completeness_export",
    ),
    path(_("intranet/follow-up/digest/"), dashboard.digest_preference, name="digest"),
    path(_("intranet/follow-up/matrix/<int:pk>/"), matrix.matrix_page, name="matrix"),
    path(
        _("intranet/follow-up/matrix/<int:pk>/<slug:language>.<slug:file_format>"),
        matrix.matrix_export,
        name="matrix_export",
    ),
]
