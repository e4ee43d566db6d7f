"""How the meetings' dataset file maps onto its models (see puebla.core.datasets)."""

from puebla.core.datasets import DatasetFile, Kind, Ref, Refs, Spec
from puebla.directory.models import Body, Country, Organisation
from puebla.meetings.models import AgendaItem, Attendance, City, Meeting

CITIES = Spec(
    model=City,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "name": Kind.TRANSLATED,
        "country": Ref(Country, "iso_code"),
        "time_zone": Kind.TEXT,
    },
    required=frozenset({"slug", "name"}),
    stated=frozenset({"name", "country"}),
)

AGENDA_ITEMS = Spec(
    model=AgendaItem,
    key=("meeting", "position"),
    fields={"position": Kind.INTEGER, "date": Kind.DATE, "title": Kind.TRANSLATED},
    required=frozenset({"position", "title"}),
    parent_field="meeting",
)

MEETINGS = Spec(
    model=Meeting,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "kind": Kind.TEXT,
        "title": Kind.TRANSLATED,
        "body": Ref(Body, "slug"),
        "convened_by_presidency": Kind.BOOLEAN,
        "convening_country": Ref(Country, "iso_code"),
        "convening_bodies": Refs(Body, "slug"),
        "convening_organisations": Refs(Organisation, "slug"),
        "supporting_organisations": Refs(Organisation, "slug"),
        "supporting_bodies": Refs(Body, "slug"),
        "host_country": Ref(Country, "iso_code"),
        "city": Ref(City, "slug"),
        "venue": Kind.TEXT,
        "online": Kind.BOOLEAN,
        "start_date": Kind.DATE,
        "start_precision": Kind.TEXT,
        "end_date": Kind.DATE,
        "end_precision": Kind.TEXT,
        "description": Kind.TRANSLATED,
        "motto": Kind.TRANSLATED,
        "objectives_general": Kind.TRANSLATED,
        "objectives_specific": Kind.TRANSLATED,
        "expected_results": Kind.TRANSLATED,
        "participant_profile": Kind.TRANSLATED,
        "costs_note": Kind.TRANSLATED,
        "documents_language": Kind.TEXT,
        "status": Kind.TEXT,
        "audience": Kind.TEXT,
    },
    required=frozenset({"slug", "kind", "title", "audience"}),
    # Dates are not quoted word for word (the seeds write "November 12-14"): a date the seeds
    # do not state is listed under `inferred`, and tests/meetings/test_dataset.py checks years.
    stated=frozenset({"title", "host_country", "body", "convening_country", "motto"}),
    nested={"agenda": AGENDA_ITEMS},
)

# Who the sources say attended a meeting: a state or an organisation, by its key.
ATTENDANCES = Spec(
    model=Attendance,
    key=("meeting", "country", "organisation"),
    fields={
        "meeting": Ref(Meeting, "slug"),
        "country": Ref(Country, "iso_code"),
        "organisation": Ref(Organisation, "slug"),
        "position": Kind.INTEGER,
    },
    required=frozenset({"meeting"}),
    stated=frozenset({"country", "organisation"}),
)

# Cities first: meetings name them; attendances name meetings.
FILES = [
    DatasetFile("meetings.yaml", "cities", CITIES),
    DatasetFile("meetings.yaml", "meetings", MEETINGS),
    DatasetFile("attendances.yaml", "attendances", ATTENDANCES),
]
