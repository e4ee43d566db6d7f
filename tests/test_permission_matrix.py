"""The permission matrix: every URL pattern of the project, as every role, with GET and POST.

- URLs come from the resolver: a new URL without a declared expectation fails
  `test_every_url_has_a_declared_expectation`, and a URL that takes a record must say which
  records to request it for (RECORD_URLS).
- Every URL that takes a record is requested for a record of each audience and, for
  country-owned records, for another country's (tests/accessapp and the sample notices).
- Every URL is also POSTed to. A refused POST is refused like the GET and writes nothing: the
  row count of every table is the same before and after. The admin's history pages are open to
  the secretariat, but their revert form (a POST) is refused to everyone; its delete pages
  are POSTed to like the rest.
- Every page a role may open without naming a record (lists, counts, feeds, exports, home
  pages) is searched for the titles of the records that role may not see, in both languages.
- Admin expectations are written out by hand, not read from `user.has_perm`, so that a grant
  that is too broad fails.

Who sees what is written out by hand from DESIGN.md §3 (tests/roles.py, tests/core/test_access.py).
"""

import datetime
import html
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation, User
from puebla.accounts.services import invitation_create
from puebla.core.models import OutgoingMail
from puebla.directory.models import Appointment, Body, Country, Person
from puebla.documents.models import Document, DocumentFile
from puebla.documents.services import document_create, file_upload
from puebla.followup.matrix.services import cycle_create, cycle_publish, entry_save, topic_add
from puebla.followup.models import Answer as FollowupAnswer
from puebla.followup.models import AnswerFile as FollowupAnswerFile
from puebla.followup.models import (
    Commitment,
    Declaration,
    InputRequest,
    MatrixCycle,
    MatrixTopic,
)
from puebla.followup.requests import services as followup_services
from puebla.fund import files as fund_files
from puebla.fund.models import Case as FundCase
from puebla.fund.models import CaseCategory as FundCaseCategory
from puebla.fund.models import CaseFile as FundCaseFile
from puebla.fund.models import LedgerEntry as FundLedgerEntry
from puebla.fund.models import RequesterKindOption as FundRequesterKind
from puebla.intranet.models import Notice
from puebla.meetings.models import Meeting, Nomination, ParticipationRequest
from puebla.meetings.services import meeting_create
from puebla.planning.models import Item
from puebla.planning.services import items_archive
from puebla.search.thesaurus_models import ThesaurusPair
from puebla.stats import services as stats_services
from puebla.stats.models import DataStructure
from puebla.stats.models import Round as StatisticsRound
from puebla.stats.publishing import release_publish
from tests.accessapp.models import Answer, Folder, Paper, PaperFile
from tests.core.test_access import ANSWERS_SEEN, FOLDERS_SEEN, MEMBERS
from tests.documents import samples
from tests.fund import factories as fund_factories
from tests.permission_urls import admin_cases, admin_model, all_patterns, create_samples
from tests.planning.sample_plan import make_plan
from tests.roles import ALL_ROLES, VISIBLE_NOTICES, make_user
from tests.stats import files as stats_files

pytestmark = pytest.mark.django_db

# The roles of tests/roles.py, and three that only the matrix needs: a second country's focal
# point, a liaison officer whose appointment has ended, and a secretariat account that has not
# set up its second factor.
MATRIX_ROLES = [*ALL_ROLES, "focal_point_b", "former_liaison_officer", "secretariat_without_mfa"]
SEEN_LIKE = {  # what the extra roles see, as the role they resemble
    "focal_point_b": "official_b",  # Guatemala
    "former_liaison_officer": None,  # Mexico, no longer on the consular network
    "secretariat_without_mfa": "anonymous",  # reaches nothing until it enrols
}
NOTICES_SEEN = {
    **VISIBLE_NOTICES,
    "focal_point_b": VISIBLE_NOTICES["official_b"],
    "former_liaison_officer": VISIBLE_NOTICES["official_b"],  # a member state's, no body's
    "secretariat_without_mfa": set(),
}
MATRIX_FOLDERS_SEEN = {
    **FOLDERS_SEEN,
    "focal_point_b": FOLDERS_SEEN["official_b"],
    "former_liaison_officer": MEMBERS,
    "secretariat_without_mfa": set(),
}
MATRIX_ANSWERS_SEEN = {
    **ANSWERS_SEEN,
    "focal_point_b": ANSWERS_SEEN["official_b"],
    "former_liaison_officer": {"CR published to members"},
    "secretariat_without_mfa": set(),
}


def matrix_user(role):
    if role == "focal_point_b":
        user = make_user("focal_point_a", email="focal-point-b@example.org")
        user.country = Country.objects.get(iso_code="GT")
        user.save()
        return user
    if role == "former_liaison_officer":
        user = make_user("liaison_officer", email="former-liaison@example.org")
        yesterday = timezone.localdate() - timezone.timedelta(days=1)
        user.person.appointments.update(
            start=yesterday - timezone.timedelta(days=400), end=yesterday
        )
        return user
    if role == "secretariat_without_mfa":
        return make_user("secretariat", email="no-mfa@example.org", enrol_mfa=False)
    return make_user(role)


@dataclass(frozen=True)
class Expect:
    status: int
    location: str = ""  # for redirects: the start of the Location header

    def __str__(self):
        return f"{self.status}{' -> ' + self.location if self.location else ''}"

    @property
    def refused(self) -> bool:
        """A 403 or 404, or a redirect to sign in or to set up the second factor."""
        return self.status in (403, 404) or (
            self.status == 302
            and self.location.startswith(
                (
                    en("account_login"),
                    "/admin/login/",
                    en("mfa_activate_totp"),
                    "/es/accounts/2fa/totp/activate/",
                )
            )
        )


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


OK, NOT_FOUND, GONE = Expect(200), Expect(404), Expect(410)
SIGNED_IN_ROLES = [role for role in MATRIX_ROLES if role != "anonymous"]


def sign_in_first():
    return Expect(302, en("account_login"))


def to(name):
    return Expect(302, en(name))


def enrol_first():
    return to("mfa_activate_totp")


def rule(anonymous, others, **per_role):
    """An expectation per role: anonymous, every signed-in role, with exceptions by role. The
    secretariat account without a second factor is sent to set one up, unless said otherwise."""
    per_role.setdefault("secretariat_without_mfa", enrol_first())
    return lambda role: per_role.get(role, anonymous if role == "anonymous" else others)


PUBLIC = rule(OK, OK)
# Who may file with the Reserve Fund in the matrix: member-state officials, and RNCOM's account
# (matrix_fund_cases accepts RNCOM as a requester).
FUND_REQUESTERS = (
    "official_a", "focal_point_a", "official_b", "focal_point_b", "liaison_officer",
    "former_liaison_officer", "civil_society",
)  # fmt: skip
SIGNED_IN = rule(sign_in_first(), OK)
SECRETARIAT_ONLY = rule(sign_in_first(), NOT_FOUND, secretariat=OK)
ANONYMOUS_FORM = rule(OK, to("intranet:home"))  # signed-in people are taken to their home

# name -> (kwargs, rule) for URLs that take no record.
EXPECTATIONS = {
    "portal:home": ({}, PUBLIC),
    "portal:members": ({}, PUBLIC),
    "portal:structure": ({}, PUBLIC),
    "portal:presidencies": ({}, PUBLIC),
    "portal:contact": ({}, PUBLIC),
    "accounts:invitation_accept": ({"token": "not-a-token"}, rule(GONE, GONE)),
    "account_login": ({}, ANONYMOUS_FORM),
    "account_signup": ({}, ANONYMOUS_FORM),  # shows "sign-up closed" to anonymous visitors
    "account_logout": ({}, rule(to("portal:home"), OK, secretariat_without_mfa=OK)),
    "account_inactive": ({}, PUBLIC),
    "account_reauthenticate": ({}, rule(sign_in_first(), OK, secretariat_without_mfa=OK)),
    "account_email": ({}, SIGNED_IN),
    "account_email_verification_sent": ({}, PUBLIC),
    "account_change_password": ({}, SIGNED_IN),
    "account_set_password": ({}, rule(sign_in_first(), to("account_change_password"))),
    "account_reset_password": ({}, PUBLIC),
    "account_reset_password_done": ({}, PUBLIC),
    "account_reset_password_from_key": ({"uidb36": "1", "key": "not-a-key"}, PUBLIC),
    "account_reset_password_from_key_done": ({}, PUBLIC),
    "account_confirm_email": ({"key": "not-a-key"}, PUBLIC),  # "invalid link" page
    "account_confirm_login_code": ({}, rule(sign_in_first(), to("intranet:home"))),
    "mfa_index": ({}, SIGNED_IN),
    "mfa_authenticate": ({}, rule(sign_in_first(), to("intranet:home"))),
    "mfa_reauthenticate": (
        {},
        rule(
            sign_in_first(),
            to("account_reauthenticate"),
            secretariat=OK,
            fund_officer=OK,
            secretariat_without_mfa=to("account_reauthenticate"),
        ),
    ),
    "mfa_activate_totp": (
        {},
        rule(
            sign_in_first(),
            to("account_reauthenticate"),
            secretariat_without_mfa=to("account_reauthenticate"),
        ),
    ),
    "mfa_deactivate_totp": (
        {},
        rule(
            sign_in_first(),
            NOT_FOUND,
            secretariat=to("account_reauthenticate"),
            fund_officer=to("account_reauthenticate"),
        ),
    ),
    "mfa_generate_recovery_codes": ({}, rule(sign_in_first(), to("account_reauthenticate"))),
    "mfa_view_recovery_codes": ({}, rule(sign_in_first(), NOT_FOUND)),  # none generated yet
    "mfa_download_recovery_codes": ({}, rule(sign_in_first(), NOT_FOUND)),
    "usersessions_list": ({}, SIGNED_IN),
    "meetings:calendar": ({}, PUBLIC),
    "meetings:calendar_ics": ({}, PUBLIC),
    "meetings:announced": ({}, PUBLIC),
    "meetings:body_ics": ({"slug": "rcgm"}, PUBLIC),
    "search:results": ({}, PUBLIC),  # anyone searches; each finds what they may see
    # The search thesaurus (issue 31): the secretariat's alone.
    "search:thesaurus": ({}, SECRETARIAT_ONLY),
    "search:thesaurus_new": ({}, SECRETARIAT_ONLY),
    "intranet:home": ({}, SIGNED_IN),
    "intranet:notices": ({}, SIGNED_IN),
    "intranet:changes": ({}, SECRETARIAT_ONLY),
    "intranet:participants": ({}, SIGNED_IN),
    "intranet:notice_new": ({}, SECRETARIAT_ONLY),
    "intranet:bodies": ({}, SECRETARIAT_ONLY),
    "intranet:body": ({"slug": "network-consular-protection"}, SECRETARIAT_ONLY),
    # The translation desk: the secretariat's, and a body's editors' (no matrix role is one).
    "translation_desk:desk": ({}, SECRETARIAT_ONLY),
    "translation_desk:waiting": ({"kind": "intranet.notice", "into": "es"}, SECRETARIAT_ONLY),
    "meetings:intranet_list": ({}, SIGNED_IN),
    "documents:library": ({}, PUBLIC),
    "planning:plan": ({}, PUBLIC),
    "planning:historical": ({}, PUBLIC),
    "planning:gcm_objective": ({"number": 7}, PUBLIC),  # tagged in the matrix's plan
    "planning:export": ({"file_format": "csv"}, PUBLIC),
    "planning:historical_export": ({"file_format": "xlsx"}, PUBLIC),
    "planning:intranet_list": ({}, SIGNED_IN),  # each sees the items they edit, if any
    "documents:new": ({}, SECRETARIAT_ONLY),  # and a body's editors: no matrix role is one
    "meetings:my_feed": ({}, SIGNED_IN),
    # A private calendar address that is nobody's: the same 404 for everyone.
    "meetings:personal_ics": ({"token": "not-a-token"}, rule(NOT_FOUND, NOT_FOUND)),
    "meetings:new": ({}, SECRETARIAT_ONLY),
    "meetings:city_new": ({}, SECRETARIAT_ONLY),
    "invitations:list": ({}, SECRETARIAT_ONLY),
    "invitations:new": ({}, SECRETARIAT_ONLY),
    "user_accounts:list": ({}, SECRETARIAT_ONLY),
    # The Reserve Fund: public figures; a requesting body's pages (member-state officials, and
    # the accounts of an accepted organisation: RNCOM here); the fund officers' pages.
    "fund:statistics": ({}, PUBLIC),
    # Any organisation's account opens its list of requests, to read whether it may file.
    "fund:my_requests": (
        {},
        rule(
            sign_in_first(),
            NOT_FOUND,
            **dict.fromkeys((*FUND_REQUESTERS, "observer_organisation", "fund_officer"), OK),
        ),
    ),
    "fund:request_new": (
        {},
        rule(sign_in_first(), NOT_FOUND, **dict.fromkeys(FUND_REQUESTERS, OK)),
    ),
    **{
        name: ({}, rule(sign_in_first(), NOT_FOUND, fund_officer=OK))
        for name in ("fund:cases", "fund:cases_export", "fund:ledger", "fund:contribution_new")
    },
    "fund:requesters": ({}, SECRETARIAT_ONLY),
    # The fund's settings (issue 30): the secretariat changes them, the fund officers read them
    # (their POST is refused with a 403: they know the page); its forms are the secretariat's.
    "fund:settings": ({}, rule(sign_in_first(), NOT_FOUND, secretariat=OK, fund_officer=OK)),
    "fund:category_new": ({}, SECRETARIAT_ONLY),
    "fund:kind_new": ({}, SECRETARIAT_ONLY),
    # The test-only access app (tests/accessapp).
    "accessapp:undeclared": ({}, rule(NOT_FOUND, NOT_FOUND, secretariat_without_mfa=NOT_FOUND)),
    "accessapp:signed_in": ({}, SIGNED_IN),
    "accessapp:secretariat": ({}, SECRETARIAT_ONLY),
    # The commitments follow-up: the secretariat's pages; a focal point's digest choice.
    **{
        f"followup:{name}": ({}, SECRETARIAT_ONLY)
        for name in ("requests", "request_new", "completeness", "completeness_export")
    },
    "followup:digest": (
        {},
        rule(sign_in_first(), NOT_FOUND, focal_point_a=OK, focal_point_b=OK),
    ),
    # What a country has not answered: its officials' list (member states').
    "followup:owed": (
        {},
        rule(
            sign_in_first(),
            NOT_FOUND,
            **dict.fromkeys(
                (
                    "official_a",
                    "focal_point_a",
                    "official_b",
                    "focal_point_b",
                    "liaison_officer",
                    "former_liaison_officer",
                ),
                OK,
            ),
        ),
    ),
    # Anyone signed in lists the declarations of the meetings they may see; the secretariat
    # records them.
    "followup:declarations": ({}, SIGNED_IN),
    "followup:declaration_new": ({}, SECRETARIAT_ONLY),
    # The heads of delegation reminders may reach: the secretariat names them.
    "followup:heads": ({}, SECRETARIAT_ONLY),
    # Anyone signed in lists the published matrices they may read (each finds its own).
    "followup:published_matrices": ({}, SIGNED_IN),
    # The comparative matrix's cycles: listed and opened by the secretariat.
    "followup:cycles": ({}, SECRETARIAT_ONLY),
    "followup:cycle_new": ({}, SECRETARIAT_ONLY),
    # Statistics rounds: listed and opened by the secretariat.
    "stats:rounds": ({}, SECRETARIAT_ONLY),
    "stats:round_new": ({}, SECRETARIAT_ONLY),
    # Published statistics: the index is for anyone.
    "stats:index": ({}, PUBLIC),
}


def released_structures():
    """(key, whether it has a release) of each statistics structure."""
    return [
        (structure.key, structure.releases.exists())
        for structure in DataStructure.objects.order_by("key")
    ]


def record_expectation(role, seen: bool) -> Expect:
    if role == "anonymous":
        return sign_in_first()
    if role == "secretariat_without_mfa":
        return enrol_first()
    return OK if seen else NOT_FOUND


def public_record_expectation(role, seen: bool) -> Expect:
    """A record on a public page (meetings): whoever may not see it gets a 404, anonymous
    visitors included, as the page never asks anyone to sign in."""
    if role == "secretariat_without_mfa":
        return enrol_first()
    return OK if seen else NOT_FOUND


# A secretariat-only notice for the editing pages (the secretariat's POST deletes it).
MATRIX_PDF = samples.pdf("Matrix")
EDITED_NOTICE = "matrix-notice-to-edit"
MATRIX_EDITOR = "matrix-editor"  # a directory entry with no account: a body's editor
MATRIX_AUDIENCES = ("public", "participants", "observers", "members", "secretariat")


def matrix_records():
    """Records of every audience for the record URLs: folders (with a paper and a file each)
    and answers of two countries, with titles no page would show by chance."""
    consular = Body.objects.get(slug="network-consular-protection")
    countries = {code: Country.objects.get(iso_code=code) for code in ("CR", "GT", "PE")}
    for audience in MATRIX_AUDIENCES:
        Folder.objects.create(title=f"Matrix folder {audience}", audience=audience)
    Folder.objects.create(
        title="Matrix folder body", audience="body", body=consular
    ).audience_bodies.set([consular])
    Folder.objects.create(
        title="Matrix folder country", audience="country", audience_country=countries["CR"]
    )
    for folder in Folder.objects.all():
        PaperFile.objects.create(
            paper=Paper.objects.create(folder=folder, title=folder.title),
            name=f"File of {folder.title}",
        )
    Answer.objects.create(title="Matrix answer CR draft", owner_country=countries["CR"])
    Answer.objects.create(
        title="Matrix answer CR published to members",
        owner_country=countries["CR"],
        published_at=timezone.now(),
        audience="members",
    )
    Answer.objects.create(title="Matrix answer GT draft", owner_country=countries["GT"])
    Answer.objects.create(title="Matrix answer PE draft", owner_country=countries["PE"])
    matrix_meetings(consular, countries["CR"])
    OutgoingMail.objects.create(to=["matrix@example.org"], subject="Matrix mail", body="-")
    matrix_documents(consular, countries["CR"])
    matrix_plan()
    make_user("official_b", email="matrix-account@example.org")
    Notice.objects.create(slug=EDITED_NOTICE, title_en="Matrix notice to edit")
    Appointment.objects.create(
        person=Person.objects.create(slug=MATRIX_EDITOR, given_name="Matrix", family_name="Editor"),
        body=consular,
        role=Appointment.Role.EDITOR,
    )
    matrix_fund_cases()
    matrix_followup()
    invitation_create(
        invited_by=None,
        email="matrix-invitation@example.org",
        given_name="Matrix",
        family_name="Invitation",
        language="en",
        affiliation="secretariat",
        notify=False,
    )


def matrix_fund_cases():
    """Two submitted Reserve Fund cases: one filed by Costa Rica's government, one by RNCOM
    (accepted as requester); each is seen by its requesting body and the fund officers only."""
    fund_factories.accepted("rncom")
    fund_factories.contribute(
        make_user("fund_officer", email="matrix-fund-officer@example.org"), "100.00"
    )
    for role in ("official_a", "civil_society"):
        requester = make_user(role, email=f"matrix-fund-{role.replace('_', '-')}@example.org")
        case = fund_factories.case_in("submitted", requester=requester)
        fund_files.case_file_add(
            case=case, by=requester, upload=SimpleUploadedFile("consent.pdf", MATRIX_PDF)
        )


# Who acts for each matrix case's requesting body, by the case's requesting party.
FUND_CASE_REQUESTERS = {"CR": {"official_a", "focal_point_a"}, "rncom": {"civil_society"}}


def fund_cases():
    return FundCase.objects.select_related("requesting_country", "requesting_organisation")


def fund_requesters(case) -> set[str]:
    party = case.requesting_country.iso_code if case.requesting_country else "rncom"
    return FUND_CASE_REQUESTERS[party]


def matrix_meetings(consular, costa_rica):
    """A meeting of every audience, on an exact day (so each has an .ics), through the service."""
    day = timezone.localdate() + timezone.timedelta(days=30)
    common = {"kind": "workshop", "start_date": day, "start_precision": "day"}
    for audience in MATRIX_AUDIENCES:
        meeting_create(
            fields={
                **common,
                "slug": f"matrix-meeting-{audience}",
                "title_en": f"Matrix meeting {audience}",
                "audience": audience,
            },
            by=None,
        )
    # The members' meeting takes nominations, and shows its participants to member states.
    delegated = Meeting.objects.get(slug="matrix-meeting-members")
    delegated.seats_per_country = 2
    delegated.participants_audience = "members"
    delegated.save()
    # Another observer's request to take part: only the secretariat may act on it here.
    ParticipationRequest.objects.create(
        meeting=Meeting.objects.get(slug="matrix-meeting-observers"),
        requested_by=make_user("observer_state", email="matrix-observer@example.org"),
        given_name="Matrix",
        family_name="Requester",
        email="matrix-requester@example.org",
        status="requested",
    )
    for code in ("CR", "GT"):
        Nomination.objects.create(
            meeting=delegated,
            owner_country=Country.objects.get(iso_code=code),
            given_name="Matrix nominee",
            family_name=code,
            email=f"matrix-nominee-{code.lower()}@example.org",
            language="en",
            status="nominated",
        )
    meeting_create(
        fields={
            **common,
            "slug": "matrix-meeting-body",
            "title_en": "Matrix meeting body",
            "audience": "body",
        },
        by=None,
    ).audience_bodies.set([consular])
    meeting_create(
        fields={
            **common,
            "slug": "matrix-meeting-country",
            "title_en": "Matrix meeting country",
            "audience": "country",
            "audience_country": costa_rica,
        },
        by=None,
    )


def matrix_documents(consular, costa_rica):
    """A document of every audience, each with a file in two versions, through the services."""
    secretariat = User.objects.get(email="matrix-secretariat@example.org")
    audiences = [(audience, {}) for audience in MATRIX_AUDIENCES] + [
        ("body", {}),
        ("country", {"audience_country": costa_rica}),
    ]
    for audience, extra in audiences:
        document = document_create(
            fields={
                "slug": f"matrix-document-{audience}",
                "kind": "report",
                "title_en": f"Matrix document {audience}",
                "audience": audience,
                **extra,
            },
            bodies=[consular] if audience == "body" else [],
            by=secretariat,
        )
        for _version in (1, 2):
            file_upload(
                document=document,
                language="es",
                upload=SimpleUploadedFile("informe.pdf", MATRIX_PDF),
                by=secretariat,
            )


def matrix_plan():
    """A small Plan of Action (tests/planning/sample_plan.py) with one activity archived."""
    make_plan()
    items_archive(today=datetime.date(2020, 1, 1))  # its activity completed in 2015


def matrix_plan_items():
    """An activity in the plan and one in the Historical Plan of Action."""
    return Item.objects.filter(plan__slug="sample-plan", number__in=["1.1.1", "1.1.2"]).filter(
        parent__parent__parent__key="policy"
    )


def document_seen(role, document) -> bool:
    return document.slug.removeprefix("matrix-document-") in MATRIX_FOLDERS_SEEN[role]


def folder_seen(role, folder) -> bool:
    return folder.title.removeprefix("Matrix folder ") in MATRIX_FOLDERS_SEEN[role]


def meeting_seen(role, meeting) -> bool:
    return meeting.slug.removeprefix("matrix-meeting-") in MATRIX_FOLDERS_SEEN[role]


def matrix_followup():
    """A commitment; a request to Costa Rica and Guatemala (with a template; Costa Rica's
    draft with a file, Guatemala's submitted answer) and one to Guatemala only."""
    secretariat = User.objects.get(email="matrix-secretariat@example.org")
    meeting = meeting_create(
        fields={
            "kind": "vice_ministerial",
            "slug": "matrix-vice-ministerial",
            "title_en": "VM",
            "audience": "members",
        },
        by=None,
    )
    declaration = Declaration.objects.create(meeting=meeting, title_en="Matrix declaration")
    commitment = Commitment.objects.create(
        declaration=declaration, number="1", text_en="Matrix commitment"
    )
    countries = {code: Country.objects.get(iso_code=code) for code in ("CR", "GT")}
    due = timezone.localdate() + timezone.timedelta(days=20)
    both = followup_services.input_request_create(
        by=secretariat,
        due_date=due,
        countries=countries.values(),
        commitments=[commitment],
        title_en="Matrix request CR GT",
        template=SimpleUploadedFile("template.pdf", MATRIX_PDF, content_type="application/pdf"),
    )
    followup_services.input_request_create(
        by=secretariat, due_date=due, countries=[countries["GT"]], title_en="Matrix request GT"
    )
    followup_services.answer_save_draft(
        request=both,
        country=countries["CR"],
        by=secretariat,
        text="Matrix follow-up draft CR",
        uploads=[SimpleUploadedFile("cr.pdf", MATRIX_PDF, content_type="application/pdf")],
    )
    followup_services.answer_submit(
        request=both, country=countries["GT"], by=secretariat, text="Matrix follow-up GT"
    )
    rcgm = meeting_create(
        fields={"kind": "rcgm", "slug": "matrix-rcgm", "title_en": "RCGM", "audience": "members"},
        by=None,
    )
    cycle = cycle_create(meeting=rcgm, by=secretariat)
    # Costa Rica's entry, published to the member states: the published matrix's readers.
    topic = topic_add(cycle=cycle, by=secretariat, key="asylum", title_en="Matrix topic")
    entry_save(
        topic=topic, country=countries["CR"], by=secretariat, policy="Matrix policy", submit=True
    )
    cycle_publish(cycle=cycle, by=secretariat, audience="members")
    # A statistics round to both, with Costa Rica's figures uploaded on its behalf.
    statistics = stats_services.round_create(
        by=secretariat,
        structure=DataStructure.objects.get(key="ENTRIES_EXITS"),
        period_start="2026-01",
        period_end="2026-01",
        due_date=due,
        countries=countries.values(),
    )
    stats_services.submission_upload(
        round=statistics,
        country=countries["CR"],
        by=secretariat,
        upload=stats_files.csv_file(
            stats_files.figures(["FLOW", "NATIONALITY", "SEX", "AGE"], ["2026-01"])
        ),
    )
    # Costa Rica's figures approved and published; Guatemala's uploaded, not approved: they
    # reach no page or file of the release.
    costa_rica = followup_services.answer_submit(
        request=statistics.request, country=countries["CR"], by=secretariat
    )
    followup_services.answer_accept(answer=costa_rica, by=secretariat)
    stats_services.submission_upload(
        round=statistics,
        country=countries["GT"],
        by=secretariat,
        upload=stats_files.csv_file(
            stats_files.figures(
                ["FLOW", "NATIONALITY", "SEX", "AGE"], ["2026-01"], country="GTM", seed=9
            )
        ),
    )
    release_publish(structure=statistics.structure, by=secretariat)


# Who reads each follow-up request: the secretariat and the addressed countries' officials.
FOLLOWUP_READERS = {
    "CR": {"official_a", "focal_point_a", "secretariat"},
    "GT": {"official_b", "focal_point_b", "secretariat"},
}


def followup_request_readers(request) -> set[str]:
    return set().union(*(FOLLOWUP_READERS[c.iso_code] for c in request.countries.all()))


def followup_request_cases(role):
    return (
        (
            request.title_en,
            {"pk": request.pk},
            record_expectation(role, role in followup_request_readers(request)),
        )
        for request in InputRequest.objects.filter(title_en__startswith="Matrix request")
    )


MEMBER_STATE_ROLES = {
    "official_a", "focal_point_a", "official_b", "focal_point_b", "liaison_officer",
    "former_liaison_officer",
}  # fmt: skip
# Who may withdraw a country's nomination: its focal points and the secretariat.
WITHDRAWS = {"CR": {"focal_point_a", "secretariat"}, "GT": {"focal_point_b", "secretariat"}}


def participants_seen(role, meeting) -> bool:
    """The members' meeting shows its participants to member states; the others to the
    secretariat only (the default)."""
    if meeting.slug == "matrix-meeting-members":
        return role in MEMBER_STATE_ROLES | {"secretariat"}
    return role == "secretariat"


def matrix_nominations():
    return Nomination.objects.filter(given_name="Matrix nominee").select_related(
        "meeting", "owner_country"
    )


def answer_seen(role, answer) -> bool:
    return answer.title.removeprefix("Matrix answer ") in MATRIX_ANSWERS_SEEN[role]


# URL name -> a function (role) yielding (label, kwargs, expectation) for each record.
RECORD_URLS = {
    "intranet:notice": lambda role: (
        (
            notice.slug,
            {"slug": notice.slug},
            record_expectation(role, notice.slug in NOTICES_SEEN[role]),
        )
        for notice in Notice.objects.exclude(slug=EDITED_NOTICE).order_by("slug")
    ),
    "meetings:meeting": lambda role: (
        (
            meeting.slug,
            {"slug": meeting.slug},
            public_record_expectation(role, meeting_seen(role, meeting)),
        )
        for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
    ),
    "meetings:meeting_ics": lambda role: (
        (
            meeting.slug,
            {"slug": meeting.slug},
            public_record_expectation(role, meeting_seen(role, meeting)),
        )
        for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
    ),
    "documents:document": lambda role: (
        (
            document.slug,
            {"slug": document.slug},
            public_record_expectation(role, document_seen(role, document)),
        )
        for document in Document.objects.filter(slug__startswith="matrix-document-")
    ),
    "documents:download": lambda role: (
        (
            f"{stored.document.slug} v{stored.version}",
            {"slug": stored.document.slug, "pk": stored.pk},
            public_record_expectation(role, document_seen(role, stored.document)),
        )
        for stored in DocumentFile.objects.select_related("document").filter(
            document__slug__startswith="matrix-document-"
        )
    ),
    # Only the secretariat edits these documents (no matrix role edits a body's).
    **{
        name: lambda role: (
            (
                document.slug,
                {"slug": document.slug},
                record_expectation(role, role == "secretariat"),
            )
            for document in Document.objects.filter(slug__startswith="matrix-document-")
        )
        for name in ("documents:edit", "documents:upload")
    },
    "documents:restore": lambda role: (
        (
            f"{stored.document.slug} v{stored.version}",
            {"slug": stored.document.slug, "pk": stored.pk},
            record_expectation(role, role == "secretariat"),
        )
        for stored in DocumentFile.objects.select_related("document").filter(
            document__slug__startswith="matrix-document-", version=1
        )
    ),
    # Plans are public; only the secretariat edits these items (no matrix role is the editor
    # of the bodies responsible for them) and brings them back from the historical plan.
    "planning:item": lambda role: (
        (item.key, {"pk": item.pk}, public_record_expectation(role, True))
        for item in matrix_plan_items()
    ),
    **{
        name: lambda role: (
            (item.key, {"pk": item.pk}, record_expectation(role, role == "secretariat"))
            for item in matrix_plan_items()
        )
        for name in ("planning:edit", "planning:bring_back")
    },
    # Only the secretariat edits and duplicates meetings (no role here edits a body's).
    **{
        name: lambda role: (
            (meeting.slug, {"slug": meeting.slug}, record_expectation(role, role == "secretariat"))
            for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
        )
        for name in ("meetings:edit", "meetings:duplicate")
    },
    # Every country's delegations, and the bulk confirmation: the secretariat's (its POST,
    # with nothing ticked, is refused with a message and writes nothing).
    "meetings:delegations": lambda role: (
        (meeting.slug, {"slug": meeting.slug}, record_expectation(role, role == "secretariat"))
        for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
    ),
    "meetings:delegation": lambda role: (
        (
            meeting.slug,
            {"slug": meeting.slug},
            record_expectation(role, meeting_seen(role, meeting)),
        )
        for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
    ),
    **{
        name: lambda role: (
            (
                meeting.slug,
                {"slug": meeting.slug},
                record_expectation(role, participants_seen(role, meeting)),
            )
            for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
        )
        for name in ("meetings:participants", "meetings:participants_summary")
    },
    "meetings:participants_export": lambda role: (
        (
            f"{meeting.slug}.{file_format}",
            {"slug": meeting.slug, "file_format": file_format},
            record_expectation(role, participants_seen(role, meeting)),
        )
        for meeting in Meeting.objects.filter(slug__startswith="matrix-meeting-")
        for file_format in ("csv", "xlsx")
    ),
    # Deciding comes before withdrawing: the secretariat's POST withdraws.
    "meetings:nomination_decide": lambda role: (
        (
            str(nomination),
            {"slug": nomination.meeting.slug, "pk": nomination.pk},
            record_expectation(role, role == "secretariat"),
        )
        for nomination in matrix_nominations()
    ),
    **{
        name: lambda role: (
            (
                str(asked),
                {"slug": asked.meeting.slug, "pk": asked.pk},
                record_expectation(role, role == "secretariat"),
            )
            for asked in ParticipationRequest.objects.select_related("meeting")
        )
        for name in ("meetings:request_decide", "meetings:request_withdraw")
    },
    "meetings:nomination_withdraw": lambda role: (
        (
            str(nomination),
            {"slug": nomination.meeting.slug, "pk": nomination.pk},
            record_expectation(role, role in WITHDRAWS[nomination.owner_country.iso_code]),
        )
        for nomination in matrix_nominations()
    ),
    # An ordinary account: only the secretariat may switch it off or on.
    **{
        name: lambda role: (
            (account.email, {"pk": account.pk}, record_expectation(role, role == "secretariat"))
            for account in User.objects.filter(email="matrix-account@example.org")
        )
        for name in ("user_accounts:deactivate", "user_accounts:reactivate")
    },
    # A pending invitation: only the secretariat may withdraw, resend or renew it.
    **{
        f"invitations:{action}": lambda role: (
            (
                invitation.email,
                {"pk": invitation.pk},
                record_expectation(role, role == "secretariat"),
            )
            for invitation in Invitation.objects.filter(email="matrix-invitation@example.org")
        )
        for action in ("renew", "resend", "withdraw")
    },
    # A Reserve Fund case: its requesting body and the fund officers see it; the requesting
    # body edits, submits and answers; either withdraws; the officers take the other steps.
    "fund:case": lambda role: (
        (case.reference, {"uid": case.uid}, record_expectation(role, role in seen))
        for case in fund_cases()
        for seen in [fund_requesters(case) | {"fund_officer"}]
    ),
    **{
        name: lambda role: (
            (case.reference, {"uid": case.uid}, record_expectation(role, role in seen))
            for case in fund_cases()
            for seen in [fund_requesters(case)]
        )
        for name in ("fund:edit", "fund:submit", "fund:answer")
    },
    "fund:file_add": lambda role: (
        (case.reference, {"uid": case.uid}, record_expectation(role, role in seen))
        for case in fund_cases()
        for seen in [fund_requesters(case) | {"fund_officer"}]
    ),
    "fund:file_download": lambda role: (
        (
            f"{case_file.case.reference} file",
            {"uid": case_file.case.uid, "pk": case_file.pk},
            record_expectation(role, role in fund_requesters(case_file.case) | {"fund_officer"}),
        )
        for case_file in FundCaseFile.objects.select_related(
            "case__requesting_country", "case__requesting_organisation"
        )
    ),
    # A ledger entry: only the fund officers reverse it (the officer's POST does, reason-less:
    # refused with the form again).
    "fund:entry_reverse": lambda role: (
        (entry.reference, {"pk": entry.pk}, record_expectation(role, role == "fund_officer"))
        for entry in FundLedgerEntry.objects.all()
    ),
    # RNCOM's acceptance as requester: only the secretariat ends it (its POST does).
    "fund:requester_end": lambda role: (
        ("rncom", {"slug": "rncom"}, record_expectation(role, role == "secretariat")),
    ),
    # A category and a kind of requesting body of the fund's settings: the secretariat's only
    # (its POST retires the category, deletes the unused kind).
    "fund:category_edit": lambda role: (
        (item.code, {"pk": item.pk}, record_expectation(role, role == "secretariat"))
        for item in FundCaseCategory.objects.filter(code="elderly")
    ),
    "fund:category_change": lambda role: (
        (
            item.code,
            {"pk": item.pk, "action": "retire"},
            record_expectation(role, role == "secretariat"),
        )
        for item in FundCaseCategory.objects.filter(code="elderly")
    ),
    "fund:kind_edit": lambda role: (
        (item.code, {"pk": item.pk}, record_expectation(role, role == "secretariat"))
        for item in FundRequesterKind.objects.filter(code="international")
    ),
    "fund:kind_change": lambda role: (
        (
            item.code,
            {"pk": item.pk, "action": "delete"},
            record_expectation(role, role == "secretariat"),
        )
        for item in FundRequesterKind.objects.filter(code="international")
    ),
    "fund:withdraw": lambda role: (
        (case.reference, {"uid": case.uid}, record_expectation(role, role in seen))
        for case in fund_cases()
        for seen in [fund_requesters(case) | {"fund_officer"}]
    ),
    **{
        f"fund:{name}": lambda role: (
            (case.reference, {"uid": case.uid}, record_expectation(role, role == "fund_officer"))
            for case in fund_cases()
        )
        for name in ("review", "approve", "reject", "disburse", "return", "close")
    },
    "accessapp:folder": lambda role: (
        (folder.title, {"pk": folder.pk}, record_expectation(role, folder_seen(role, folder)))
        for folder in Folder.objects.all()
    ),
    # Only the secretariat edits these folders: no role of the matrix is a body's editor.
    "accessapp:folder_edit": lambda role: (
        (
            folder.title,
            {"pk": folder.pk},
            record_expectation(role, role == "secretariat"),
        )
        for folder in Folder.objects.all()
    ),
    "accessapp:paper_file": lambda role: (
        (
            paper_file.name,
            {"pk": paper_file.pk},
            record_expectation(role, folder_seen(role, paper_file.paper.folder)),
        )
        for paper_file in PaperFile.objects.select_related("paper__folder")
    ),
    "accessapp:answer": lambda role: (
        (answer.title, {"pk": answer.pk}, record_expectation(role, answer_seen(role, answer)))
        for answer in Answer.objects.all()
    ),
    # The follow-up: a request is read by the addressed countries' officials and the
    # secretariat; an answer's file by its country's officials; an answer's decision page and
    # the commitment's trace by the secretariat, and by those who may see its meeting.
    "followup:request": followup_request_cases,
    # A statistics round is read by whoever reads its request for input; a structure's
    # template and SDMX-ML by anyone signed in (they hold no figure).
    "stats:round": lambda role: (
        (
            str(item),
            {"pk": item.pk},
            record_expectation(role, role in followup_request_readers(item.request)),
        )
        for item in StatisticsRound.objects.select_related("request")
    ),
    "stats:template": lambda role: (
        (
            f"{structure.key} {file_format}",
            {"pk": structure.pk, "file_format": file_format},
            record_expectation(role, True),
        )
        for structure in DataStructure.objects.all()
        for file_format in ("csv", "xlsx")
    ),
    "stats:structure": lambda role: (
        (structure.key, {"pk": structure.pk}, record_expectation(role, True))
        for structure in DataStructure.objects.all()
    ),
    # A structure's figures are published by the secretariat; a structure with a release has
    # public pages and files, one without has none, for anyone.
    "stats:publish": lambda role: (
        (structure.key, {"pk": structure.pk}, record_expectation(role, role == "secretariat"))
        for structure in DataStructure.objects.all()
    ),
    "stats:latest": lambda role: (
        (key, {"key": key}, public_record_expectation(role, published))
        for key, published in released_structures()
    ),
    "stats:release": lambda role: (
        (f"{key} 1", {"key": key, "number": 1}, public_record_expectation(role, published))
        for key, published in released_structures()
    ),
    "stats:latest_file": lambda role: (
        (
            f"{key} {file_format}",
            {"key": key, "file_format": file_format},
            public_record_expectation(role, published),
        )
        for key, published in released_structures()
        for file_format in ("csv", "sdmx.csv")
    ),
    "stats:release_file": lambda role: (
        (
            f"{key} 1 {file_format}",
            {"key": key, "number": 1, "file_format": file_format},
            public_record_expectation(role, published),
        )
        for key, published in released_structures()
        for file_format in ("csv", "sdmx.csv")
    ),
    "followup:template": lambda role: (
        case
        for case in followup_request_cases(role)
        if InputRequest.objects.filter(pk=case[1]["pk"]).exclude(template_file="").exists()
    ),
    "followup:answer": lambda role: (
        (
            str(answer.owner_country),
            {"pk": answer.request_id, "answer_pk": answer.pk},
            record_expectation(role, role == "secretariat"),
        )
        for answer in FollowupAnswer.objects.all()
    ),
    # A request's reminders are changed by the secretariat only.
    "followup:request_reminders": lambda role: (
        (
            request.title_en,
            {"pk": request.pk},
            record_expectation(role, role == "secretariat"),
        )
        for request in InputRequest.objects.filter(title_en__startswith="Matrix request")
    ),
    "followup:answer_file": lambda role: (
        (
            stored.original_name,
            {"pk": stored.answer.request_id, "file_pk": stored.pk},
            record_expectation(role, role in FOLLOWUP_READERS["CR"]),
        )
        for stored in FollowupAnswerFile.objects.select_related("answer")
    ),
    # The comparative matrix of a cycle and its exports: the secretariat's.
    "followup:matrix": lambda role: (
        (str(cycle), {"pk": cycle.pk}, record_expectation(role, role == "secretariat"))
        for cycle in MatrixCycle.objects.all()
    ),
    "followup:matrix_export": lambda role: (
        (
            f"{cycle} {language} {file_format}",
            {"pk": cycle.pk, "language": language, "file_format": file_format},
            record_expectation(role, role == "secretariat"),
        )
        for cycle in MatrixCycle.objects.all()
        for language in ("es", "en")
        for file_format in ("xlsx", "docx")
    ),
    # The published matrix and its files: for the audience its entries were published to
    # (this one, the member states) and the secretariat; a 404 for everyone else.
    "followup:published_matrix": lambda role: (
        (
            str(cycle),
            {"pk": cycle.pk},
            record_expectation(role, role in MEMBER_STATE_ROLES | {"secretariat"}),
        )
        for cycle in MatrixCycle.objects.all()
    ),
    "followup:published_matrix_export": lambda role: (
        (
            f"{cycle} {language} {file_format}",
            {"pk": cycle.pk, "language": language, "file_format": file_format},
            record_expectation(role, role in MEMBER_STATE_ROLES | {"secretariat"}),
        )
        for cycle in MatrixCycle.objects.all()
        for language in ("es", "en")
        for file_format in ("xlsx", "docx")
    ),
    # A cycle's topics are renamed, and removed, by the secretariat only (this one has
    # Costa Rica's entry: the secretariat's POST to remove it is refused, with the reason).
    **{
        name: lambda role: (
            (str(topic), {"pk": topic.pk}, record_expectation(role, role == "secretariat"))
            for topic in MatrixTopic.objects.all()
        )
        for name in ("followup:topic_edit", "followup:topic_remove")
    },
    # A cycle's topics and its publication are the secretariat's; its entries page is read by
    # the member states' officials (each their own country's) and the secretariat, where its
    # RCGM meeting may be seen (this one is for member states).
    **{
        name: lambda role: (
            (str(cycle), {"pk": cycle.pk}, record_expectation(role, role == "secretariat"))
            for cycle in MatrixCycle.objects.all()
        )
        for name in ("followup:cycle_topics", "followup:cycle_publish")
    },
    "followup:cycle_entries": lambda role: (
        (
            str(cycle),
            {"pk": cycle.pk},
            record_expectation(role, role in MEMBER_STATE_ROLES | {"secretariat"}),
        )
        for cycle in MatrixCycle.objects.all()
    ),
    "followup:commitment": lambda role: (
        (
            str(commitment),
            {"pk": commitment.pk},
            # Read where its meeting may be: this one is for member states.
            record_expectation(role, role in MEMBER_STATE_ROLES | {"secretariat"}),
        )
        for commitment in Commitment.objects.all()
    ),
    # A declaration is read where its meeting may be (this one is for member states, like its
    # commitment); only the secretariat edits it and adds or edits its commitments.
    "followup:declaration": lambda role: (
        (
            str(declaration),
            {"pk": declaration.pk},
            record_expectation(role, role in MEMBER_STATE_ROLES | {"secretariat"}),
        )
        for declaration in Declaration.objects.all()
    ),
    **{
        name: lambda role: (
            (
                str(declaration),
                {"pk": declaration.pk},
                record_expectation(role, role == "secretariat"),
            )
            for declaration in Declaration.objects.all()
        )
        for name in ("followup:declaration_edit", "followup:commitment_new")
    },
    "followup:commitment_edit": lambda role: (
        (str(commitment), {"pk": commitment.pk}, record_expectation(role, role == "secretariat"))
        for commitment in Commitment.objects.all()
    ),
    # Costa Rica's draft's file is removed by who may act for Costa Rica (its focal point, the
    # secretariat); its other readers, like everyone else, are told it does not exist. Near
    # the end: their POST removes it.
    "followup:answer_file_remove": lambda role: (
        (
            stored.original_name,
            {"pk": stored.answer.request_id, "file_pk": stored.pk},
            record_expectation(role, role in {"focal_point_a", "secretariat"}),
        )
        for stored in FollowupAnswerFile.objects.select_related("answer")
    ),
    # Only the secretariat removes a body's editor (its POST removes the matrix's one).
    "intranet:body_editor_remove": lambda role: (
        (
            f"editor {appointment.pk}",
            {"slug": appointment.body.slug, "pk": appointment.pk},
            record_expectation(role, role == "secretariat"),
        )
        for appointment in Appointment.objects.filter(person__slug=MATRIX_EDITOR)
    ),
    # Only the secretariat translates at the desk (its POST, empty, is refused as incomplete).
    "translation_desk:translate": lambda role: (
        (
            notice.slug,
            {"kind": "intranet.notice", "pk": notice.pk, "field": "title", "into": "es"},
            record_expectation(role, role == "secretariat"),
        )
        for notice in Notice.objects.filter(title_es="").exclude(slug=EDITED_NOTICE)[:1]
    ),
    # Only the secretariat edits the search thesaurus (its POST to delete deletes the pair).
    **{
        name: lambda role: (
            (pair.term_es, {"pk": pair.pk}, record_expectation(role, role == "secretariat"))
            for pair in ThesaurusPair.objects.filter(term_es="remesas")
        )
        for name in ("search:thesaurus_edit", "search:thesaurus_delete")
    },
    # Only the secretariat writes notices. Deleting comes last: the secretariat's POST deletes.
    **{
        name: lambda role: (
            (notice.slug, {"slug": notice.slug}, record_expectation(role, role == "secretariat"))
            for notice in Notice.objects.filter(slug=EDITED_NOTICE)
        )
        for name in ("intranet:notice_edit", "intranet:notice_delete")
    },
}


def hidden_titles(role) -> list[str]:
    """Titles of the records `role` may not see, in both languages."""
    titles = []
    seen = [*NOTICES_SEEN[role], *([EDITED_NOTICE] if role == "secretariat" else [])]
    for notice in Notice.objects.exclude(slug__in=seen):
        titles += [notice.title_es, notice.title_en]
    titles += [f.title for f in Folder.objects.all() if not folder_seen(role, f)]
    titles += [a.title for a in Answer.objects.all() if not answer_seen(role, a)]
    titles += [
        m.title_en
        for m in Meeting.objects.filter(slug__startswith="matrix-meeting-")
        if not meeting_seen(role, m)
    ]
    titles += [
        d.title_en
        for d in Document.objects.filter(slug__startswith="matrix-document-")
        if not document_seen(role, d)
    ]
    titles += [
        request.title_en
        for request in InputRequest.objects.filter(title_en__startswith="Matrix request")
        if role not in followup_request_readers(request)
    ]
    # The matrix's declaration is of a members' meeting (matrix_followup).
    titles += [
        declaration.title_en
        for declaration in Declaration.objects.all()
        if role not in MEMBER_STATE_ROLES | {"secretariat"}
    ]
    return [title for title in titles if title]


# --- The administration site ------------------------------------------------------------------
# Apps whose records the secretariat keeps in the admin; every other app's (auth's groups,
# allauth's internals) is for superusers only. Written out here, independently of the grants.
SECRETARIAT_ADMIN_APPS = {"directory", "accounts", "intranet"}
# Admin pages the secretariat may not use although they belong to those apps.
SECRETARIAT_ADMIN_REFUSED = {
    "admin:accounts_invitation_add": Expect(403),  # invitations are sent from the intranet
    "admin:accounts_user_add": Expect(403),  # accounts come from invitations
    "admin:accounts_user_delete": Expect(403),  # users are deactivated, never deleted
    "admin:auth_user_password_change": Expect(403),  # people reset their own password
}


def admin_expectation(role, name, url) -> Expect:
    if role == "anonymous":
        anonymous_special = {
            "admin:login": Expect(302, "/es/accounts/login/"),
            "admin:logout": Expect(302, "/admin/"),
        }
        return anonymous_special.get(name, Expect(302, "/admin/login/"))
    if role == "secretariat_without_mfa":  # the admin has no language prefix: Spanish first
        return Expect(302, "/es/accounts/2fa/totp/activate/")
    if role != "secretariat":
        return NOT_FOUND
    special = {
        "admin:login": Expect(302, "/admin/"),  # already signed in
        "admin:logout": Expect(405),  # signing out takes a POST
        "admin:autocomplete": Expect(403),  # only answers the admin's own widget queries
        "admin:view_on_site": NOT_FOUND,  # countries have no public page of their own
        "admin:password_change": Expect(302, "/es/accounts/password/change/"),  # through allauth
        **SECRETARIAT_ADMIN_REFUSED,
    }
    if name in special:
        return special[name]
    if name.startswith("admin:<unnamed"):
        return Expect(302, "/admin/") if url != "/admin/directory/no-such-page/" else NOT_FOUND
    if name == "admin:app_list":
        return OK
    model, _action = admin_model(name)
    if model is None:  # index, password change, translations catalogue
        return OK
    return OK if model._meta.app_label in SECRETARIAT_ADMIN_APPS else Expect(403)


# --- The walk -----------------------------------------------------------------------------------


def test_every_url_has_a_declared_expectation():
    undeclared = [
        name
        for name, _route in all_patterns()
        if not name.startswith("admin:") and name not in EXPECTATIONS and name not in RECORD_URLS
    ]
    assert not undeclared, f"declare the expected access to these URLs in {__file__}: {undeclared}"
    takes_a_record_but_no_records = [
        name
        for name, route in all_patterns()
        if not name.startswith("admin:")
        and "<" in route
        and name not in RECORD_URLS
        and not EXPECTATIONS[name][0]
    ]
    assert not takes_a_record_but_no_records


def row_counts() -> dict[str, int]:
    """The number of rows of every table, in one query. Sessions are left out: the sign-in flow
    opens one for an anonymous visitor to remember where to return, which writes no record."""
    tables = sorted(set(connection.introspection.table_names()) - {"django_session"})
    quote = connection.ops.quote_name
    # Table names come from the database's own catalogue, quoted.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


# Sent with every POST from a refused role: what a forged form would carry (a new title, the
# admin's "yes, delete").
FORGED_POST = {"title": "Written by the permission matrix", "post": "yes"}


def admin_post_expectation(role, name, url) -> Expect:
    """What a POST to an admin page gets: a history page's revert form is read-only for
    everyone (it would save an old copy past the services); else the same as the GET."""
    expected = admin_expectation(role, name, url)
    if not expected.refused and admin_model(name)[1] == "simple_history":
        return Expect(403)
    return expected


def cases_for(role):
    """(name, url, GET expectation, POST expectation, whether it lists records)."""
    for name, (kwargs, expect) in EXPECTATIONS.items():
        yield name, en(name, **kwargs), expect(role), expect(role), not kwargs
    for name, records in RECORD_URLS.items():
        for label, kwargs, expected in records(role):
            yield f"{name}[{label}]", en(name, **kwargs), expected, expected, False
    for name, url in admin_cases():
        yield (
            name,
            url,
            admin_expectation(role, name, url),
            admin_post_expectation(role, name, url),
            False,
        )


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_permission_matrix(client, role):
    secretariat = make_user("secretariat", email="matrix-secretariat@example.org")
    create_samples(secretariat)
    matrix_records()
    user = None if role == "anonymous" else matrix_user(role)
    hidden = hidden_titles(role)

    def sign_in_again():
        if user is not None:
            client.force_login(user)

    sign_in_again()
    mismatches, cases = [], list(cases_for(role))
    for name, url, expected, post_expected, lists_records in cases:
        response = client.get(url)
        location = response.get("Location", "")
        if response.status_code != expected.status or not location.startswith(expected.location):
            mismatches.append(
                f"GET {name} {url}: expected {expected}, got {response.status_code} {location}"
            )
        if user is not None and "no-store" not in response.get("Cache-Control", ""):
            mismatches.append(f"GET {name} {url}: a signed-in page without no-store")
        if lists_records and response.status_code == 200 and hidden:
            for language in ("es", "en"):
                with translation.override(language):
                    page_url = reverse(name)
                content = html.unescape(client.get(page_url).content.decode())
                mismatches += [
                    f"{page_url} shows {title!r}" for title in hidden if title in content
                ]

        if post_expected.refused:
            before = row_counts()
            response = client.post(url, FORGED_POST)
            location = response.get("Location", "")
            # A page that refuses its GET may refuse a POST as "method not allowed" instead.
            same_refusal = response.status_code == post_expected.status and location.startswith(
                post_expected.location
            )
            if not same_refusal and response.status_code != 405:
                mismatches.append(
                    f"POST {name} {url}: expected {post_expected}, got {response.status_code} {location}"
                )
            after = row_counts()
            if after != before:
                changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
                mismatches.append(f"POST {name} {url} was refused but wrote rows: {changed}")
        else:
            response = client.post(url)
            if response.status_code >= 500:
                mismatches.append(f"POST {name} {url}: {response.status_code}")
            sign_in_again()  # a POST may sign out (logout, password change ...)
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)
    assert len(cases) > 160


# What a page shows inside it, per role: not only whether it opens (issue 28). Written out by
# hand from DESIGN.md §3 and the README, never derived from the code under test.
# - the participants page: who reads the focal points' e-mail addresses;
# - Recent changes: whose page it is, and that a Reserve Fund case's rows are on it for nobody
#   there (its readers, the fund officers and the requesting body, do not open the page).
SHOWN_INSIDE = {
    # role: (participants' addresses shown, Recent changes opens)
    "anonymous": (False, False),
    "civil_society": (False, False),
    "observer_organisation": (False, False),
    "observer_state": (False, False),
    "official_a": (True, False),
    "focal_point_a": (True, False),
    "official_b": (True, False),
    "liaison_officer": (True, False),
    "secretariat": (True, True),
    "fund_officer": (False, False),
    "focal_point_b": (True, False),
    "former_liaison_officer": (True, False),
    "secretariat_without_mfa": (False, False),
}


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_what_pages_show_inside_them(client, role):
    from puebla.directory.models import Presidency
    from tests.fund import factories as fund

    sees_addresses, reads_changes = SHOWN_INSIDE[role]
    honduras = make_user("focal_point_a", email="hn-matrix@example.org")
    honduras.country = Country.objects.get(iso_code="HN")
    honduras.save()
    case = fund.case_in(
        "under_review",
        requester=make_user("official_a", email="fund-requester@example.org"),
        reviewer=fund.officer(7),
    )
    secretariat = make_user("secretariat", email="matrix-changes@example.org")
    presidency = Presidency.objects.get(year=2019)
    presidency._history_user = secretariat
    presidency.save()
    if role != "anonymous":
        client.force_login(matrix_user(role))

    participants = client.get(en("intranet:participants"))
    addresses = participants.status_code == 200 and "hn-matrix@example.org" in (
        participants.content.decode()
    )
    changes = client.get(en("intranet:changes"))
    page = changes.content.decode() if changes.status_code == 200 else ""
    assert (addresses, changes.status_code == 200) == (sees_addresses, reads_changes)
    if reads_changes:
        assert "Presidency pro-tempore" in page
        assert "Reserve Fund case" not in page and case.reference not in page
