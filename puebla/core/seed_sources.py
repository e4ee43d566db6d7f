"""The source documents the shipped records cite (`source`: a seed file's name), described
for readers: a file name means nothing to a visitor. Each description uses the document's own
heading or what it says of itself; a name not listed here is shown as it is."""

from django.utils.translation import gettext_lazy as _

TITLES = {
    "000_190f8ec4f9cce0c1.txt": _(
        "A page of the RCM bearing the year 2013 (Background, Members and Observers, The "
        "Process, Plan of Action, RCM Highlights, Tenets)"
    ),
    "001_a9ae808082891cad.txt": _(
        "IOM, Assessment of Inter-State Consultation Mechanisms on Migration: Summary of "
        "Findings per ISCM (survey of 2019)"
    ),
    "002_b88516f6a8eb4702.txt": _("The RCM's page of events"),
    "003_b95cf4364af503c6.txt": _(
        "“The Regional Conference on Migration's relaunch process”, on the XXIV Conference (2019)"
    ),
    "004_d69214afa6cd72ab.txt": _(
        "Plan of Action of the RCM, updated by the Technical Secretariat on 13 November 2009"
    ),
}


def title_of(file_name: str) -> str:
    return str(TITLES.get(file_name, file_name))
