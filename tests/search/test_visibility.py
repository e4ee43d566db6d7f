"""The search decides who finds what from the copy of each record's audience that its index
rows carry, in the index's columns in memory (puebla.search.columns, which asks
puebla.core.access.would_see of each copy): that must be exactly what the access model's
`visible_to` decides, for any records and any people, after any writes."""

import itertools
from types import SimpleNamespace

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from puebla.core.access import Audience
from puebla.core.affiliation import Affiliation
from puebla.directory.models import Body, Country
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from puebla.search import columns, registry

MODELS = {"documents.document": Document, "meetings.meeting": Meeting}

records = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(sorted(MODELS)),
            "audience": st.sampled_from(Audience.values),
            "bodies": st.sets(st.integers(0, 2), max_size=3),
            "country": st.integers(0, 1),
        }
    ),
    min_size=1,
    max_size=8,
)


def everyone(countries, bodies):
    """Every kind of person: each affiliation, with no country or either country, on every
    set of the bodies; an anonymous visitor; a deactivated account."""
    body_sets = [
        frozenset(body.pk for body, chosen in zip(bodies, mask, strict=True) if chosen)
        for mask in itertools.product((False, True), repeat=len(bodies))
    ]
    people = [
        SimpleNamespace(
            is_authenticated=True,
            is_active=True,
            affiliation=affiliation,
            country_id=country,
            body_ids=body_ids,
        )
        for affiliation in Affiliation.values
        for country in (None, *(country.pk for country in countries))
        for body_ids in body_sets
    ]
    people.append(AnonymousUser())
    people.append(
        SimpleNamespace(
            is_authenticated=True,
            is_active=False,
            affiliation=Affiliation.MEMBER_STATE,
            country_id=countries[0].pk,
            body_ids=body_sets[-1],
        )
    )
    return people


def chosen_bodies():
    # Body numbers that are prefixes of one another (1 and 13): "|1|" must not match "|13|".
    every_body = list(Body.objects.order_by("pk"))
    assert every_body[-1].pk >= 10
    return [every_body[0], every_body[1], every_body[-1]]


def write(model, number, spec, countries, bodies):
    """A record of `model` as `spec` says, written as Puebla writes: saved, then its bodies set
    (each write indexes it again through the search's signals)."""
    record = model.objects.create(
        slug=f"visibility-{number}",
        kind="study" if model is Document else "workshop",
        title_es=f"Registro de prueba {number}",
        audience=spec["audience"],
        audience_country=countries[spec["country"]] if spec["audience"] == "country" else None,
    )
    record.audience_bodies.set([bodies[i] for i in spec["bodies"]])
    return record


def assert_same_as_visible_to(made, countries, bodies):
    searchables = registry.registered()
    table = columns.current()  # as a search reads them: loaded again after the writes
    rows = np.arange(len(table.ids))
    for user in everyone(countries, bodies):
        found = rows[table.visible(user, searchables)[table.audience[rows]]]
        records = table.record[found]
        by_index = {
            (table.kinds[kind], record_id)
            for kind, record_id in zip(
                table.record_kind[records].tolist(), table.record_id[records].tolist(), strict=True
            )
        } & set(made)
        by_access_model = {
            (kind, pk)
            for kind, model in MODELS.items()
            for pk in model.objects.visible_to(user)
            .filter(pk__in=[pk for made_kind, pk in made if made_kind == kind])
            .values_list("pk", flat=True)
        }
        assert by_index == by_access_model, vars(user)


@pytest.mark.django_db
def test_every_audience_for_every_person():
    countries, bodies = list(Country.objects.order_by("pk")[:2]), chosen_bodies()
    specs = [{"audience": audience, "bodies": (), "country": 0} for audience in Audience.values]
    specs += [
        {"audience": "body", "bodies": chosen, "country": 0}
        for size in range(1, 4)
        for chosen in itertools.combinations(range(3), size)
    ]
    specs.append({"audience": "country", "bodies": (), "country": 1})
    made = [
        (kind, write(model, f"{kind}-{number}", spec, countries, bodies).pk)
        for kind, model in MODELS.items()
        for number, spec in enumerate(specs)
    ]
    assert_same_as_visible_to(made, countries, bodies)


edits = st.lists(
    st.tuples(
        st.integers(0, 7),  # which record (modulo how many there are)
        st.sampled_from(Audience.values),
        st.sets(st.integers(0, 2), max_size=3),
        st.integers(0, 1),
        st.sampled_from(["save", "set", "add", "remove", "clear"]),
    ),
    max_size=6,
)


class VisibilityOfIndexRows(TestCase):
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records=records, edits=edits)
    def test_after_any_writes_the_index_admits_what_visible_to_admits(self, records, edits):
        countries, bodies = list(Country.objects.order_by("pk")[:2]), chosen_bodies()
        written = [
            write(MODELS[spec["kind"]], number, spec, countries, bodies)
            for number, spec in enumerate(records)
        ]
        for index, audience, body_indexes, country, how in edits:
            record = written[index % len(written)]
            chosen = [bodies[i] for i in body_indexes]
            if how == "save":
                record.audience = audience
                record.audience_country = countries[country] if audience == "country" else None
                record.save()
            elif how == "clear":
                record.audience_bodies.clear()
            elif how == "set":
                record.audience_bodies.set(chosen)
            else:  # add, remove
                getattr(record.audience_bodies, how)(*chosen)
        made = [(spec["kind"], record.pk) for spec, record in zip(records, written, strict=True)]
        assert_same_as_visible_to(made, countries, bodies)
