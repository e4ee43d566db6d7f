"""Records the scanned instance needs beyond demo mode's, so that the crawl reaches the pages
that take one (`python -m scan.instance populate`): a Vice-Ministerial declaration with a
commitment, a request for input to Costa Rica and Guatemala (Costa Rica's draft with a file,
Guatemala's submitted answer), a comparative matrix cycle with a topic and an entry, a
meeting of the members with seats, a statistics round with Costa Rica's figures, and a pending
invitation. Made through the services, as a secretariat would."""

import datetime

MARK = "scan"


def populate() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from puebla.accounts.models import User
    from puebla.accounts.services import invitation_create
    from puebla.directory.models import Country
    from puebla.documents.sample_files import pdf_with_text
    from puebla.followup.matrix.services import cycle_create, entry_save, topic_add
    from puebla.followup.models import Commitment, Declaration
    from puebla.followup.requests import services as requests
    from puebla.meetings.services import meeting_create
    from puebla.stats import services as stats
    from puebla.stats.models import DataStructure

    secretariat = User.objects.get(email="demo-secretariat@puebla.invalid")
    countries = [Country.objects.get(iso_code=code) for code in ("CR", "GT")]
    due = timezone.localdate() + datetime.timedelta(days=20)

    def pdf(name):
        return SimpleUploadedFile(name, pdf_with_text(name), content_type="application/pdf")

    vice_ministerial = meeting_create(
        fields={"kind": "vice_ministerial", "slug": f"{MARK}-vm", "title_es": "Escaneo VM",
                "title_en": "Scan VM", "audience": "members"},
        by=None,
    )  # fmt: skip
    declaration = Declaration.objects.create(
        meeting=vice_ministerial, title_es="Declaración del escaneo", title_en="Scan declaration"
    )
    commitment = Commitment.objects.create(
        declaration=declaration, number="1", text_es="Compromiso", text_en="Commitment"
    )
    request = requests.input_request_create(
        by=secretariat,
        due_date=due,
        countries=countries,
        commitments=[commitment],
        title_es="Solicitud del escaneo",
        title_en="Scan request",
        template=pdf("plantilla.pdf"),
    )
    requests.answer_save_draft(
        request=request,
        country=countries[0],
        by=secretariat,
        text="Borrador",
        uploads=[pdf("cr.pdf")],
    )
    requests.answer_submit(request=request, country=countries[1], by=secretariat, text="Listo")
    rcgm = meeting_create(
        fields={"kind": "rcgm", "slug": f"{MARK}-rcgm", "title_es": "Escaneo GRCM",
                "title_en": "Scan RCGM", "audience": "members"},
        by=None,
    )  # fmt: skip
    cycle = cycle_create(meeting=rcgm, by=secretariat)
    topic = topic_add(
        cycle=cycle, by=secretariat, key="asylum", title_es="Asilo", title_en="Asylum"
    )
    entry_save(topic=topic, country=countries[0], by=secretariat, policy="Cambio", submit=False)
    meeting_create(
        fields={"kind": "workshop", "slug": f"{MARK}-taller", "title_es": "Taller del escaneo",
                "title_en": "Scan workshop", "audience": "members", "seats_per_country": 2},
        by=None,
    )  # fmt: skip
    round = stats.round_create(
        by=secretariat,
        structure=DataStructure.objects.get(key="ENTRIES_EXITS", version=1),
        period_start="2026-01",
        period_end="2026-01",
        due_date=due,
        countries=countries,
    )
    figures = "REF_AREA,FLOW,NATIONALITY,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS\r\n"
    figures += "CRI,ENTRY,GTM,F,Y_LT18,2026-01,5,\r\n"
    stats.submission_upload(
        round=round,
        country=countries[0],
        by=secretariat,
        upload=SimpleUploadedFile("cifras.csv", figures.encode(), content_type="text/csv"),
    )
    invitation_create(
        invited_by=None,
        email=f"{MARK}-invited@puebla.invalid",
        given_name="Escaneo",
        family_name="Invitación",
        language="es",
        affiliation="member_state",
        country=countries[0],
        notify=False,
    )
    return {"request": request.pk, "cycle": cycle.pk, "round": round.pk}
