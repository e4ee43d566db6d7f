from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "puebla.meetings"
    verbose_name = _("Meetings")
    dataset = "puebla.meetings.dataset"  # the records it ships (puebla.core.dataset_files)

    def ready(self):
        from puebla.core import pagecache
        from puebla.meetings import models, search

        search.register_kinds()  # the site search finds meetings (puebla/meetings/search.py)

        # The calendar, the meeting pages and the feeds show these records.
        pagecache.bump_when_saved_or_deleted(models.City, models.Meeting, models.AgendaItem)
