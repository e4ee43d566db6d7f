"""The admin's history pages, to read only: every app's admin uses this instead of
simple-history's own, so no model can be reverted past its services."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, never to revert: the revert form saves an old copy through the plain
    admin form, past the services, the read-only fields and the rights checks. Its POST is
    refused (SIMPLE_HISTORY_REVERT_DISABLED only hides the button)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
