"""The Reserve Fund's public page in the site search: one hit, found by the page's title and
introduction in either language, pointing at the figures page.

The page belongs to no record of its own, so it is indexed on the fund's one row (`Fund`, made
by the fund's first migration), which holds nothing private: registered as public. The words
come from puebla.fund.public_texts, the same the page shows, in each language. They change with
a new version of Puebla, not with data: the search app indexes the row when it is missing from
the index after a migration (puebla.search.signals), and `puebla search-reindex` indexes the
words of a new version again. Registered from FundConfig.ready()."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from puebla.fund import public_texts
from puebla.fund.models import Fund
from puebla.search.registry import Searchable, register

LANGUAGES = ("es", "en")


def fund_texts(fund: Fund) -> dict[str, tuple[str, str]]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = (str(public_texts.TITLE), str(public_texts.INTRODUCTION))
    return texts


def register_kinds() -> None:
    register(
        Searchable(
            kind="fund.fund",
            model=Fund,
            label=_("Reserve Fund"),
            texts=fund_texts,
            url=lambda fund: reverse("fund:statistics"),
            filters=lambda fund: {"language": list(LANGUAGES)},
            public=True,
        )
    )
