"""Facts the sources state that Puebla used to leave out (issue 30, section 3), read on the
pages a visitor would look for them on, each with the passage it quotes and its source."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGE_2013 = "A page of the RCM bearing the year 2013"
IOM_2019 = "OIM, evaluación de los mecanismos de consulta interestatales sobre migración"
RELAUNCH_2019 = "“The Regional Conference on Migration's relaunch process”"
PLAN_2009 = "Plan of Action of the RCM, updated by the Technical Secretariat on 13 November 2009"


def page(client, name: str, language: str, *args, query: str = "") -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def section(text: str, heading_id: str) -> str:
    """The <section> a heading names, as a visitor reads it under that heading."""
    match = re.search(
        rf'<section aria-labelledby="{heading_id}">(.*?)</section>', text, flags=re.DOTALL
    )
    assert match, f"no section {heading_id}"
    return match.group(1)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def quoted(fragment: str) -> str:
    """The passages quoted in a fragment's source disclosures, and the documents named."""
    return plain(
        " ".join(re.findall(r'<details class="source-quote">.*?</details>', fragment, re.S))
    )


def test_home_gives_the_full_name_with_its_quote_marked_as_english(client):
    spanish = page(client, "portal:home", "es")
    name = re.search(r'<p class="full-name" id="fact-full-name">(.*?)</p>', spanish, re.S).group(1)
    assert (
        '<span lang="en">Regional Conference on Migration for North and Central America '
        "(RCM or Puebla Process)</span>"
    ) in name
    assert '<small class="untranslated">(aún sin traducción al español)</small>' in name
    assert "Name of the Inter-state consultation mechanism (ISCM)" in quoted(spanish)
    assert IOM_2019 in quoted(spanish)


def test_home_lists_the_three_central_themes_over_23_years(client):
    english = section(page(client, "portal:home", "en"), "themes-heading")
    assert "Central themes" in english
    for theme in (
        "Strengthen migration governance.",
        "Protect the human rights of migrants, especially of those in vulnerable situations.",
        "Promote appropriate linkages between migration and sustainable development.",
    ):
        assert theme in plain(english)
    assert "During its 23 years of existence" in quoted(english)
    assert "during its 23 years of existence" in plain(english)  # the note, for the date
    spanish = plain(section(page(client, "portal:home", "es"), "themes-heading"))
    assert "Fortalecer la gobernanza de la migración." in spanish
    assert "traducción de la Secretaría virtual" in spanish


def test_home_lists_the_two_tenets_under_tenets_apart_from_the_fundamental_ones(client):
    english = page(client, "portal:home", "en")
    tenets = section(english, "listed-tenets-heading")
    assert "To create a forum for frank and honest discussion" in plain(tenets)
    assert "Undertake regional efforts to protect the human rights of migrants" in plain(tenets)
    assert "Tenets - ◆ To create a forum" in quoted(tenets)
    assert PAGE_2013 in quoted(tenets)
    fundamental = section(english, "tenets-heading")
    assert "frank and honest" not in fundamental


def test_home_lists_the_rcm_highlights_with_mitch_and_11_september_2001(client):
    english = section(page(client, "portal:home", "en"), "highlights-heading")
    assert plain(english).count("RCM Highlights Results of the RCM include:") == 9
    assert "devastation caused by Hurricane Mitch" in plain(english)
    assert "terrorist attacks perpetrated on September 11, 2001" in quoted(english)
    spanish = plain(section(page(client, "portal:home", "es"), "highlights-heading"))
    assert "huracán Mitch" in spanish and "11 de septiembre de 2001" in spanish


def test_home_lists_the_pilot_projects_in_el_salvador_and_honduras(client):
    english = section(page(client, "portal:home", "en"), "projects-heading")
    assert "A pilot project in El Salvador" in plain(english)
    assert "A pilot project in Honduras" in plain(english)
    assert (
        "two pilot projects have been launched in El Salvador and Honduras, respectively"
        in quoted(english)
    )
    assert PLAN_2009 in quoted(english)


def test_home_history_has_the_chair_at_the_international_dialogue_in_2018(client):
    english = plain(section(page(client, "portal:home", "en"), "history-heading"))
    assert re.search(
        r"2018 ?: The RCM Chair takes part in the International Dialogue on Migration", english
    )
    assert "SDGs achievement: national and regional perspectives" in english


def test_structure_says_decisions_are_taken_behind_closed_doors_and_by_consensus(client):
    english = section(page(client, "portal:structure", "en"), "decisions-heading")
    assert "in a closed-door setting" in plain(english)
    assert "non-binding, voluntary regional consultation process" in plain(english)
    assert "enables consensus-based decision making" in plain(english)
    assert (
        "The decisions of Vice-Ministers are adopted, after plenary meetings, in a closed-door"
        in quoted(english)
    )
    assert RELAUNCH_2019 in quoted(english)
    spanish = plain(section(page(client, "portal:structure", "es"), "decisions-heading"))
    assert "a puerta cerrada" in spanish and "por consenso" in spanish


def test_structure_shows_the_civil_society_dialogue_as_a_structure(client):
    english = page(client, "portal:structure", "en")
    article = re.search(r'<h3 id="civil-society-dialogue">.*?</article>', english, re.S).group(0)
    assert "Civil society dialogue" in article
    assert "Technical Secretariat and civil society dialogue." in quoted(article)
    spanish = page(client, "portal:structure", "es")
    assert "Diálogo con la sociedad civil" in spanish


def test_contact_names_the_executive_secretary_post_without_a_name(client):
    english = page(client, "portal:contact", "en")
    posts = english.split("Other posts", 1)[1]
    assert 'Name: <span class="not-given">not given</span>' in posts
    assert "Executive Secretary of the Technical Secretariat" in posts
    assert "Inferred: why?" in posts  # of the Technical Secretariat: our reading
    assert "support the PPT, the Executive Secretary, and the four Working Groups" in quoted(posts)


def test_members_page_lists_csm_beside_fybemid_and_ceam_and_iom_units(client):
    english = plain(page(client, "portal:members", "en"))
    assert "CSM — Process, forum or platform" in english
    assert (
        "11.1.2 PPT/TS participation in various fora, such as FYBEMID, CSM, CEAM, etc." in english
    )
    assert "Environment, Climate Change and Migration Division (MECC)" in english
    assert "Regional Migration Program: Mesoamerica-The Caribbean" in english


def test_the_networks_meetings_of_15_november_2016_are_meetings(client):
    past = plain(page(client, "meetings:calendar", "en", query="when=past&year=2016"))
    assert "Meeting of the Liaison Officers Network for Consular Protection (XXI RCM)" in past
    assert "Meeting of the Liaison Officers Network to Combat Trafficking in Persons" in past
    meeting = plain(
        page(client, "meetings:meeting", "en", "network-consular-protection-2016-san-pedro-sula")
    )
    assert "15 November 2016" in meeting or "Nov. 15, 2016" in meeting
    assert "San Pedro Sula" in meeting


def test_the_two_sdg_workshops_of_2018_are_past_meetings(client):
    past = plain(page(client, "meetings:calendar", "en", query="when=past&year=2018"))
    assert past.count("RCM workshop on the SDGs in migration governance (2018") == 2
    meeting = plain(page(client, "meetings:meeting", "en", "workshop-sdgs-2018-1"))
    assert "Mexico keeps working on the Lines of Action" in meeting


def test_the_proposed_seminar_and_the_guatemala_workshop_are_meetings_without_dates(client):
    undated = plain(page(client, "meetings:calendar", "en", query="when=undated&q=honduras"))
    assert "Seminar on human rights proposed by Honduras and RNCOM" in undated
    seminar = page(client, "meetings:meeting", "en", "seminar-human-rights-proposed-honduras-rncom")
    assert '<dt>Dates</dt><dd><span class="untranslated">not given</span>' in seminar
    assert "to be held in 2010" in plain(seminar)
    workshop = page(client, "meetings:meeting", "en", "workshop-guatemala-dates-to-be-defined")
    assert '<dt>Dates</dt><dd><span class="untranslated">not given</span>' in workshop
    assert "will be held in Guatemala, dates to be defined" in plain(workshop)
    listed = plain(page(client, "meetings:calendar", "en", query="when=undated&q=guatemala"))
    assert "Workshop in Guatemala, dates to be defined" in listed


def test_the_xxiv_conference_page_lists_who_attended_with_the_quote(client):
    english = section(page(client, "meetings:meeting", "en", "xxiv-rcm"), "attended-heading")
    listed = plain(english.split("</ul>", 1)[0])
    for attendee in (
        "International Committee of the Red Cross (ICRC)",
        "International Organization for Migration (IOM)",
        "Office of the United Nations High Commissioner for Refugees (UNHCR)",
        "Peru",
        "Ecuador",
        "UNODC",
    ):
        assert attendee in listed
    assert "and the observer countries Peru and Ecuador attended the Conference." in quoted(english)
    assert RELAUNCH_2019 in quoted(english)
    spanish = plain(section(page(client, "meetings:meeting", "es", "xxiv-rcm"), "attended-heading"))
    assert "Perú" in spanish
