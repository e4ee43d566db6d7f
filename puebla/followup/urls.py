from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.followup.declarations.views import commitments, declarations
from puebla.followup.matrix.views import cycles, matrix, topics
from puebla.followup.requests.views import completeness, dashboard, reminders, requests

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
    path(_("intranet/follow-up/owed/"), dashboard.owed_page, name="owed"),
    path(_("intranet/follow-up/digest/"), dashboard.digest_preference, name="digest"),
    path(_("intranet/follow-up/matrix/<int:pk>/"), matrix.matrix_page, name="matrix"),
    path(
        _("intranet/follow-up/matrix/<int:pk>/<slug:language>.<slug:file_format>"),
        matrix.matrix_export,
        name="matrix_export",
    ),
    # The published matrices, for the audience each was published to (matrix/views/matrix.py).
    path(_("intranet/follow-up/matrices/"), matrix.published_list, name="published_matrices"),
    path(
        _("intranet/follow-up/matrices/<int:pk>/"),
        matrix.published_page,
        name="published_matrix",
    ),
    path(
        _("intranet/follow-up/matrices/<int:pk>/<slug:language>.<slug:file_format>"),
        matrix.published_export,
        name="published_matrix_export",
    ),
    # Declarations and their commitments (declarations/views/declarations.py).
    path(_("intranet/follow-up/declarations/"), declarations.declaration_list, name="declarations"),
    path(
        _("intranet/follow-up/declarations/new/"),
        declarations.declaration_new,
        name="declaration_new",
    ),
    path(
        _("intranet/follow-up/declarations/<int:pk>/"),
        declarations.declaration_page,
        name="declaration",
    ),
    path(
        _("intranet/follow-up/declarations/<int:pk>/edit/"),
        declarations.declaration_edit,
        name="declaration_edit",
    ),
    path(
        _("intranet/follow-up/declarations/<int:pk>/commitments/new/"),
        declarations.commitment_new,
        name="commitment_new",
    ),
    path(
        _("intranet/follow-up/commitments/<int:pk>/edit/"),
        declarations.commitment_edit,
        name="commitment_edit",
    ),
    # Matrix cycles: opening, topics, each country's entries, publication (matrix/views/cycles.py).
    path(_("intranet/follow-up/matrix/"), cycles.cycle_list, name="cycles"),
    path(_("intranet/follow-up/matrix/new/"), cycles.cycle_new, name="cycle_new"),
    path(_("intranet/follow-up/matrix/<int:pk>/topics/"), topics.cycle_topics, name="cycle_topics"),
    path(
        _("intranet/follow-up/matrix/topics/<int:pk>/edit/"), topics.topic_edit, name="topic_edit"
    ),
    path(
        _("intranet/follow-up/matrix/topics/<int:pk>/remove/"),
        topics.topic_remove,
        name="topic_remove",
    ),
    path(
        _("intranet/follow-up/matrix/<int:pk>/entries/"),
        cycles.country_entries,
        name="cycle_entries",
    ),
    path(
        _("intranet/follow-up/matrix/<int:pk>/publish/"),
        cycles.cycle_publish,
        name="cycle_publish",
    ),
    # A request's reminders after creation, heads of delegation, removing a draft's file
    # (requests/views/reminders.py).
    path(
        _("intranet/follow-up/requests/<int:pk>/reminders/"),
        reminders.request_reminders,
        name="request_reminders",
    ),
    path(
        _("intranet/follow-up/heads-of-delegation/"),
        reminders.heads_of_delegation,
        name="heads",
    ),
    path(
        _("intranet/follow-up/requests/<int:pk>/files/<int:file_pk>/remove/"),
        reminders.answer_file_remove,
        name="answer_file_remove",
    ),
]
