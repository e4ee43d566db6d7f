"""The index: written on every save and delete, rebuilt by `search_reindex`, in step with the
database's full-text structures."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from puebla.directory.models import Body, Country
from puebla.meetings.models import Meeting
from puebla.meetings.services import meeting_update
from puebla.search import registry
from puebla.search.models import Entry
from puebla.search.query import search
from puebla.search.services import index_record, record_languages, unindex_record
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db
anonymous = AnonymousUser()


def entries_of(record, kind="meetings.meeting"):
    return {entry.language: entry for entry in Entry.objects.filter(kind=kind, record_id=record.pk)}


def found(query, **filters):
    return [hit.record for hit in search(anonymous, query, **filters).hits]


def test_a_saved_meeting_is_indexed_in_each_language_with_its_filters():
    rcgm = Body.objects.get(slug="rcgm")
    meeting = make_meeting(
        title_es="Taller sobre jornaleros",
        title_en="Workshop on harvest workers",
        description_es="Descripción",
        objectives_general_es="Objetivo general",
        objectives_specific_en="Specific objective",
        body=rcgm,
        start_date=datetime.date(2031, 3, 1),
        start_precision="month",
    )
    rows = entries_of(meeting)
    assert set(rows) == {"es", "en"}
    assert rows["es"].title == "Taller sobre jornaleros"
    assert rows["es"].text == "Descripción\n\nObjetivo general"
    assert rows["en"].text == "Specific objective"
    for row in rows.values():
        assert (row.year, row.body_id, row.record_languages) == (2031, rcgm.pk, "es_en")


def test_a_language_without_text_has_no_row():
    meeting = make_meeting(title_es="Solo en español", title_en="")
    assert set(entries_of(meeting)) == {"es"}
    assert entries_of(meeting)["es"].record_languages == "es"


def test_an_edit_is_found_by_its_new_words_only():
    meeting = make_meeting(title_es="Cosecha de café", title_en="Coffee harvest")
    assert found("café") == [meeting]
    meeting_update(meeting=meeting, changes={"title_es": "Zafra de caña", "title_en": ""}, by=None)
    assert found("café") == []
    assert found("harvest") == []
    assert found("caña") == [Meeting.objects.get(pk=meeting.pk)]
    assert set(entries_of(meeting)) == {"es"}


def test_a_deleted_meeting_leaves_the_index():
    meeting = make_meeting(title_es="Cosecha de café")
    Meeting.objects.filter(pk=meeting.pk).delete()  # the queryset's delete sends post_delete too
    assert entries_of(meeting) == {}
    assert found("café") == []


def test_services_index_and_unindex_on_demand():
    meeting = make_meeting(title_es="Cosecha de café")
    unindex_record(meeting)
    assert found("café") == []
    index_record(meeting)
    assert found("café") == [meeting]


def test_bodies_are_indexed_from_the_directory():
    # A body the seeds leave unnamed in Spanish has none (issue 30): one with our own Spanish.
    body = Body.objects.get(slug="wg-human-rights")
    rows = entries_of(body, kind="directory.body")
    assert rows["es"].title == body.name_es
    assert rows["es"].body_id == body.pk
    assert body in found(body.name_es)


def test_reindex_rebuilds_everything_including_records_written_in_bulk(capsys):
    make_meeting(title_es="Cosecha de café")
    Meeting.objects.bulk_create(  # no signal: only the reindex sees it
        [
            Meeting(
                slug="bulk-written", kind="workshop", title_es="Zafra en bloque", audience="public"
            )
        ]
    )
    Entry.objects.filter(kind="directory.body").delete()
    assert found("zafra") == []
    call_command("search_reindex")
    assert [meeting.slug for meeting in found("zafra")] == ["bulk-written"]
    assert len(found("café")) == 1
    assert found("Regional Consultation Group", kinds=["directory.body"])
    output = capsys.readouterr().out
    assert f"meetings.meeting: {Meeting.objects.count()} indexed" in output
    assert f"directory.body: {Body.objects.count()} indexed" in output


def test_record_languages_are_stored_in_the_sites_order():
    assert record_languages(["en", "es"]) == "es_en"
    assert record_languages("en_es") == "es_en"
    assert record_languages("en") == "en"
    assert record_languages(None) == ""


def test_only_a_model_with_visible_to_or_declared_public_can_be_registered():
    with pytest.raises(ImproperlyConfigured, match="visible_to"):
        registry.register(
            registry.Searchable(
                kind="directory.country",
                model=Country,
                label="Countries",
                texts=lambda country: {"es": (country.name_es, "")},
                url=lambda country: "/",
            )
        )
    assert not registry.is_registered(Country)


def test_a_kind_is_not_registered_twice_for_two_models():
    with pytest.raises(ImproperlyConfigured, match="already"):
        registry.register(
            registry.Searchable(
                kind="meetings.meeting",
                model=Body,
                label="Bodies",
                texts=lambda body: {},
                url=lambda body: "/",
                public=True,
            )
        )
    assert registry.for_model(Meeting).kind == "meetings.meeting"


def test_an_unregistered_record_cannot_be_indexed():
    with pytest.raises(LookupError):
        index_record(Country.objects.first())


def test_the_terms_follow_every_write_and_the_search_finds_them():
    """Every database stores the rows' folded, stemmed words, which the search reads into
    memory (puebla.search.postings): a write is found, an edit's old words are not, a deleted
    record no more."""
    meeting = make_meeting(title_es="Migraciones y cosecha de café", title_en="Coffee returns")
    rows = entries_of(meeting)
    assert rows["es"].title_terms == "migracion y cosech de caf"
    assert rows["en"].title_terms == "coffe return"
    meeting_update(meeting=meeting, changes={"title_es": "Zafra de caña"}, by=None)
    other = make_meeting(slug="another-harvest", title_es="Otra cosecha")
    visitor = AnonymousUser()
    assert [hit.record for hit in search(visitor, "cosechas").hits] == [other]
    assert [hit.record for hit in search(visitor, "zafra").hits] == [meeting]
    Meeting.objects.filter(pk=meeting.pk).delete()
    assert search(visitor, "zafra").total == 0


def test_a_kind_names_what_the_reindex_fetches_with_its_records():
    searchable = registry.Searchable(
        kind="meetings.meeting",
        model=Meeting,
        label="Meetings",
        texts=lambda meeting: {},
        url=lambda meeting: "/",
        select_related=("body",),
        prefetch_related=("audience_bodies",),
    )
    records = searchable.all_records()
    assert records.query.select_related == {"body": {}}
    assert records._prefetch_related_lookups == ("audience_bodies",)
