from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from puebla.core.history_admin import ReadOnlyHistoryAdmin
from puebla.intranet.models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyHistoryAdmin, TranslationAdmin):
    list_display = ("title", "audience", "published_on")
    list_filter = ("audience",)
    filter_horizontal = ("audience_bodies",)
    search_fields = ("title_es", "title_en")
