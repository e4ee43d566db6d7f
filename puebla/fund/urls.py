"""The Reserve Fund's addresses. A case is named by its random key only: never by anything of the
person's (their identity is in no URL, title or log)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.fund.views import (
    cases,
    export,
    files,
    fund_settings,
    ledger,
    public,
    requesters,
    requests,
    steps,
)

app_name = "fund"

urlpatterns = [
    path(_("reserve-fund/statistics/"), public.statistics, name="statistics"),
    # A requesting body's pages.
    path(_("intranet/reserve-fund/requests/"), requests.my_requests, name="my_requests"),
    path(_("intranet/reserve-fund/requests/new/"), requests.request_new, name="request_new"),
    # Pages of one case: its requesting body and the fund officers (others: not found).
    path(_("intranet/reserve-fund/cases/<uuid:uid>/"), cases.case_page, name="case"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/edit/"), requests.request_edit, name="edit"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/submit/"), requests.submit, name="submit"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/answer/"), requests.answer, name="answer"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/withdraw/"), requests.withdraw, name="withdraw"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/files/"), files.file_add, name="file_add"),
    path(
        _("intranet/reserve-fund/cases/<uuid:uid>/files/<int:pk>/"),
        files.file_download,
        name="file_download",
    ),
    # The fund officers' pages.
    path(_("intranet/reserve-fund/cases/"), cases.case_list, name="cases"),
    path(_("intranet/reserve-fund/cases.csv"), export.cases_export, name="cases_export"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/review/"), steps.review, name="review"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/approve/"), steps.approve, name="approve"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/reject/"), steps.reject, name="reject"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/disburse/"), steps.disburse, name="disburse"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/return/"), steps.confirm_return, name="return"),
    path(_("intranet/reserve-fund/cases/<uuid:uid>/close/"), steps.close, name="close"),
    path(_("intranet/reserve-fund/ledger/"), ledger.ledger, name="ledger"),
    # The fund's settings: the secretariat changes them, the fund officers read them.
    path(_("intranet/reserve-fund/settings/"), fund_settings.settings_page, name="settings"),
    path(
        _("intranet/reserve-fund/settings/categories/new/"),
        fund_settings.category_new,
        name="category_new",
    ),
    path(
        _("intranet/reserve-fund/settings/categories/<int:pk>/"),
        fund_settings.category_edit,
        name="category_edit",
    ),
    path(
        _("intranet/reserve-fund/settings/categories/<int:pk>/<slug:action>/"),
        fund_settings.category_change,
        name="category_change",
    ),
    path(
        _("intranet/reserve-fund/settings/requester-kinds/new/"),
        fund_settings.kind_new,
        name="kind_new",
    ),
    path(
        _("intranet/reserve-fund/settings/requester-kinds/<int:pk>/"),
        fund_settings.kind_edit,
        name="kind_edit",
    ),
    path(
        _("intranet/reserve-fund/settings/requester-kinds/<int:pk>/<slug:action>/"),
        fund_settings.kind_change,
        name="kind_change",
    ),
    # The secretariat's: which organisations may file requests.
    path(_("intranet/reserve-fund/requesters/"), requesters.requester_list, name="requesters"),
    path(
        _("intranet/reserve-fund/requesters/<slug:slug>/end/"),
        requesters.requester_end,
        name="requester_end",
    ),
    path(
        _("intranet/reserve-fund/ledger/<int:pk>/reverse/"),
        ledger.entry_reverse,
        name="entry_reverse",
    ),
    path(
        _("intranet/reserve-fund/ledger/contribution/"),
        ledger.contribution_new,
        name="contribution_new",
    ),
]
