from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from puebla.intranet.models import Notice


@admin.register(Notice)
class NoticeAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("title", "audience", "published_on")
    list_filter = ("audience",)
    filter_horizontal = ("audience_bodies",)
    search_fields = ("title_es", "title_en")
