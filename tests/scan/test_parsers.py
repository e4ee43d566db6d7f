"""`make scan` passes when its parsers find nothing: they must find what the tools report.

The fixtures are the tools' own output, captured from real runs (tests/scan/fixtures/):
sqlmap finding the planted injection of scan/canary.py's toy application and finding nothing
in a Puebla form; wapiti's JSON report of a Puebla instance; pip-audit's JSON on this
workplace, whose vulnerability service answers for no package. pip-audit's report of a
vulnerability is written by hand in its documented format (no real one could be had here).
"""

from pathlib import Path

import pytest

from scan import audit, sqlmap, wapiti
from scan.attack import attack_order
from scan.crawl import PageParser, Target, seeds_from
from scan.report import Figures, failures

FIXTURES = Path(__file__).with_name("fixtures")


def test_sqlmap_reports_the_injectable_parameter_it_found():
    outcome = sqlmap.parse((FIXTURES / "sqlmap-injectable-post.log").read_text())

    assert [(found.parameter, found.place) for found in outcome.injectable] == [("title", "POST")]
    assert outcome.injectable[0].kinds == ["boolean-based blind", "UNION query"]
    assert outcome.tested == ["title"]
    # Its time-outs were retried, not the end of the test.
    assert outcome.problems == []


def test_sqlmap_on_a_puebla_form_tested_every_field_and_found_nothing():
    outcome = sqlmap.parse((FIXTURES / "sqlmap-not-injectable-post.log").read_text())

    assert outcome.injectable == []
    assert outcome.tested == ["term_es", "term_en", "source", "note"]
    assert outcome.problems == []


def test_sqlmap_on_a_form_that_worked_once_says_why_it_tested_nothing():
    """A ledger entry is reversed once: sqlmap's first request did it, and the form was gone."""
    outcome = sqlmap.parse((FIXTURES / "sqlmap-one-shot-form.log").read_text())

    assert outcome.tested == []
    assert outcome.errors[0].startswith("anti-CSRF token 'csrfmiddlewaretoken' can't be found")


def test_sqlmap_that_could_not_test_says_so():
    outcome = sqlmap.parse(
        "[12:00:00] [INFO] testing connection to the target URL\n"
        "[12:00:01] [CRITICAL] page not found (404)\n"
    )

    assert outcome.problems == ["page not found (404)"]
    assert outcome.tested == []


def test_wapiti_findings_are_counted_by_severity_and_medium_fails():
    """The captured report (its classifications' texts left out): a first scan of Puebla whose
    sign-in form had been rate-limited, so that the genuine and the forged request were both
    answered 429 and wapiti took that for a CSRF check that lets forgeries through."""
    report = wapiti.read(FIXTURES / "wapiti-anonymous.json")

    assert report.pages == 413
    assert report.by_severity() == {"medium": 1, "low": 2}
    [failing] = report.failing()
    assert (failing.category, failing.method, failing.path) == (
        "Cross Site Request Forgery",
        "POST",
        "/es/accounts/login/",
    )
    assert failures(Figures(started="now", wapiti={"anonymous": report})) == [
        "wapiti as anonymous: 1 high or medium findings"
    ]
    anomaly = wapiti.parse(
        {"anomalies": {"Internal Server Error": [{"level": 3, "method": "GET", "path": "/x/"}]}}
    )
    assert [(found.severity, found.section) for found in anomaly.failing()] == [
        ("high", "anomalies")
    ]


def test_wapiti_modules_stopped_at_their_time_limit_are_named():
    output = (
        "[*] Launching module exec\nMax attack time was reached for module exec, stopping.\n"
        "[*] Launching module csp\nMax scan time was reached, stopping.\n"
    )
    assert wapiti.time_limits(output) == ["crawl", "exec"]


def test_pip_audit_that_reached_no_data_is_not_a_clean_audit():
    result = audit.read(FIXTURES / "pip-audit-unreachable.json", known={})

    assert result.packages == 4
    assert len(result.not_audited) == 4
    assert result.vulnerabilities == []
    figures = Figures(started="now", audit=result)
    assert failures(figures) == ["pip-audit: 4 of 4 packages not audited (no vulnerability data)"]
    assert failures(figures, allow_unaudited=True) == []


# pip-audit's --format=json, as its documentation gives it.
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [
                {
                    "id": "GHSA-h5c8-rqwp-cp95",
                    "fix_versions": ["3.1.3"],
                    "aliases": ["CVE-2024-22195"],
                    "description": "",
                }
            ],
        },
    ],
    "fixes": [],
}


def test_pip_audit_vulnerability_fails_unless_explained():
    found = audit.parse(VULNERABLE, known={})
    assert [(v.package, v.id) for v in found.unexplained()] == [("jinja2", "GHSA-h5c8-rqwp-cp95")]
    assert failures(Figures(started="now", audit=found)) == ["pip-audit: 1 vulnerabilities"]

    explained = audit.parse(VULNERABLE, known={"CVE-2024-22195": "templates are ours"})
    assert explained.unexplained() == []
    assert explained.vulnerabilities[0].reason == "templates are ours"


def test_an_accepted_vulnerability_needs_a_reason(tmp_path):
    listed = tmp_path / "known.toml"
    listed.write_text('[[vulnerability]]\nid = "GHSA-1"\npackage = "x"\nreason = " "\n')

    with pytest.raises(SystemExit, match="GHSA-1 has no reason"):
        audit.known_vulnerabilities(listed)
    assert audit.known_vulnerabilities(audit.KNOWN) == {}


def test_forms_are_read_with_their_fields_but_not_a_formsets_template():
    page = PageParser()
    page.feed(
        '<form method="post" action="/es/x/" enctype="multipart/form-data">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input name="title" value=""><input type="email" name="email">'
        '<input type="checkbox" name="public" value="1"><input type="file" name="file">'
        '<select name="country"><option value="">-</option><option value="CR">CR</option></select>'
        "<textarea name=note></textarea><input name='rows-__prefix__-id'>"
        '<button name="action" value="save">Save</button></form>'
        '<a href="/es/y/?page=2">next</a>'
    )

    [form] = page.forms
    assert form["method"] == "POST" and form["multipart"]
    assert form["fields"] == [
        ("csrfmiddlewaretoken", "t"),
        ("title", "scan"),
        ("email", "scan@example.org"),
        ("public", "1"),
        ("country", "CR"),
        ("note", "text"),
        ("action", "save"),
    ]
    assert page.links == ["/es/y/?page=2"]


def test_the_crawl_starts_from_every_spanish_and_admin_pattern_without_arguments():
    assert seeds_from(
        ["es/", "es/reuniones/<slug:slug>/", "en/", "admin/", "es/accounts/^confirm/(?P<k>.+)/$"]
    ) == ["/es/", "/admin/"]


def test_edit_forms_are_attacked_before_the_steps_that_take_them_away():
    """A Reserve Fund case's edit form is gone once sqlmap's first post to "submit" succeeds."""
    found_on = "http://127.0.0.1/es/intranet/fondo-de-reserva/casos/1/"
    targets = [
        Target("POST", found_on + "retirar/", (("csrfmiddlewaretoken", "t"), ("reason", "r"))),
        Target("POST", found_on + "presentar/", (("csrfmiddlewaretoken", "t"),)),
        Target(
            "POST", found_on + "editar/", (("csrfmiddlewaretoken", "t"), ("a", "1"), ("b", "2"))
        ),
        Target("GET", "http://127.0.0.1/es/intranet/fondo-de-reserva/casos/?state=draft"),
    ]

    ordered = [target.url.rsplit("/", 2)[-2] for target in sorted(targets, key=attack_order)]

    assert ordered == ["casos", "editar", "presentar", "retirar"]
