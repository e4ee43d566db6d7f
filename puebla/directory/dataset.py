"""How the directory's dataset files map onto its models (see puebla.core.datasets)."""

from puebla.core.datasets import DatasetFile, Kind, Ref, Spec
from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)

MEMBERSHIP_FIELDS = {"status": Kind.TEXT, "since": Kind.DATE, "until": Kind.DATE}


def _membership_of(parent_field: str) -> Spec:
    return Spec(
        model=Membership,
        key=(parent_field, "status", "since"),
        fields=MEMBERSHIP_FIELDS,
        required=frozenset({"status"}),
        parent_field=parent_field,
    )


COUNTRIES = Spec(
    model=Country,
    key=("iso_code",),
    fields={"iso_code": Kind.TEXT, "name": Kind.TRANSLATED},
    required=frozenset({"iso_code", "name"}),
    stated=frozenset({"name"}),
    nested={"memberships": _membership_of("country")},
)

ORGANISATIONS = Spec(
    model=Organisation,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "acronym": Kind.TRANSLATED,
        "name": Kind.TRANSLATED,
        "kind": Kind.TEXT,
        "hosts_secretariat": Kind.BOOLEAN,
        "website": Kind.TEXT,
        "spanish_name_source": Kind.TEXT,
    },
    required=frozenset({"slug", "name", "kind"}),
    stated=frozenset({"name", "acronym"}),
    nested={"memberships": _membership_of("organisation")},
)

BODIES = Spec(
    model=Body,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "kind": Kind.TEXT,
        "name": Kind.TRANSLATED,
        "acronym": Kind.TRANSLATED,
        "description": Kind.TRANSLATED,
        "reports_to": Ref(Body, "slug"),
        "established": Kind.INTEGER,
        "position": Kind.INTEGER,
        "email": Kind.TEXT,
        "phone": Kind.TEXT,
        "fax": Kind.TEXT,
        "address": Kind.TEXT,
        "website": Kind.TEXT,
    },
    required=frozenset({"slug", "kind", "name"}),
    stated=frozenset(
        {"name", "acronym", "established", "reports_to", "email", "phone", "fax", "website"}
    ),
)

PRESIDENCIES = Spec(
    model=Presidency,
    key=("year",),
    fields={"year": Kind.INTEGER, "country": Ref(Country, "iso_code"), "motto": Kind.TRANSLATED},
    required=frozenset({"year", "country"}),
    stated=frozenset({"year", "country", "motto"}),
)

APPOINTMENTS = Spec(
    model=Appointment,
    key=("person", "body", "start"),
    fields={
        "body": Ref(Body, "slug"),
        "country": Ref(Country, "iso_code"),
        "organisation": Ref(Organisation, "slug"),
        "role": Kind.TEXT,
        "title": Kind.TRANSLATED,
        "start": Kind.DATE,
        "end": Kind.DATE,
        "position": Kind.INTEGER,
    },
    required=frozenset({"body"}),
    stated=frozenset({"title"}),
    parent_field="person",
)

PEOPLE = Spec(
    model=Person,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "given_name": Kind.TEXT,
        "family_name": Kind.TEXT,
        "email": Kind.TEXT,
        "email_is_public": Kind.BOOLEAN,
    },
    required=frozenset({"slug", "given_name", "family_name"}),
    stated=frozenset({"given_name", "family_name", "email"}),
    nested={"appointments": APPOINTMENTS},
)

MILESTONES = Spec(
    model=Milestone,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "year": Kind.INTEGER,
        "month": Kind.INTEGER,
        "title": Kind.TRANSLATED,
        "description": Kind.TRANSLATED,
    },
    required=frozenset({"slug", "year", "title"}),
    stated=frozenset({"year", "month"}),
)

FACTS = Spec(
    model=Fact,
    key=("slug",),
    fields={
        "slug": Kind.TEXT,
        "topic": Kind.TEXT,
        "text": Kind.TRANSLATED,
        "position": Kind.INTEGER,
    },
    required=frozenset({"slug", "topic", "text"}),
)

# In dependency order: a file may refer only to records of the files before it (or itself).
FILES = [
    DatasetFile("countries.yaml", "countries", COUNTRIES),
    DatasetFile("organisations.yaml", "organisations", ORGANISATIONS),
    DatasetFile("bodies.yaml", "bodies", BODIES),
    DatasetFile("presidencies.yaml", "presidencies", PRESIDENCIES),
    DatasetFile("people.yaml", "people", PEOPLE),
    DatasetFile("milestones.yaml", "milestones", MILESTONES),
    DatasetFile("facts.yaml", "facts", FACTS),
]
