"""The matrix's built-in columns: every topic is written in three areas, policy, legislation
and regulations (Plan of Action 1.2.1, seed 004: "changes proposed or made to policies,
legislation, and regulations"). A topic is a subject (asylum, labour migration), so a topic
named after one of the areas would repeat a column every topic already has:
`built_in_column_named` finds one, and the matrix's services refuse it.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy

AREAS = ("policy", "legislation", "regulations")
AREA_NAMES = {
    "policy": gettext_lazy("Policy"),
    "legislation": gettext_lazy("Legislation"),
    "regulations": gettext_lazy("Regulations"),
}
# The names, folded (lower case, no accents), a topic may not take, in both languages and in
# the words people use for them, singular and plural.
_NAMES_OF = {
    "policy": {"policy", "policies", "politica", "politicas", "policy changes"},
    "legislation": {"legislation", "legislacion", "law", "laws", "ley", "leyes"},
    "regulations": {
        "regulation",
        "regulations",
        "regulacion",
        "regulaciones",
        "reglamento",
        "reglamentos",
        "reglamentacion",
    },
}


def folded(text: str) -> str:
    """`text` in lower case, without accents, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def built_in_column_named(*texts: str) -> str | None:
    """The area (policy, legislation, regulations) one of `texts` names, if any: a title in
    either language, or a key ("regulations", "legislacion")."""
    for text in texts:
        name = folded(text.replace("-", " ").replace("_", " "))
        for area, names in _NAMES_OF.items():
            if name in names:
                return area
    return None
