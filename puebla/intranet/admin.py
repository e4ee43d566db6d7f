from django.contrib import admin

from puebla.core.history_admin import ReadOnlyHistoryAdmin
from puebla.intranet.models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyHistoryAdmin, admin.ModelAdmin):
    list_display = ("title_es", "title_en", "audience", "published_on")
    list_filter = ("audience",)
    filter_horizontal = ("audience_bodies",)
    search_fields = ("title_es", "title_en")
