"""Plan of Action items in the site search: an item's number, text and schedule, in each
language the source gives; and the Global Compact objectives, each with its page. Registered
from PlanningConfig.ready(); saving an item or an objective indexes it (the search app's
signal). Plans are public, so everyone finds every item (Item.objects.visible_to); the
objectives are a public reference list, registered as public."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puebla.documents.models import Theme
from puebla.planning import cells
from puebla.planning.models import GcmObjective, Item
from puebla.search.registry import Searchable, register


def item_texts(item: Item) -> dict[str, tuple[str, str]]:
    """Without the source's <i> markup: a result's title and snippet are plain text, where a
    tag would show as "<i>Refer to the work plan…</i>"."""
    texts = {}
    for language in ("es", "en"):
        text = cells.without_markup(getattr(item, f"text_{language}"))
        title = f"{item.number} {text}".strip() if text else ""
        schedule = cells.without_markup(getattr(item, f"schedule_{language}") or "")
        texts[language] = (title, schedule)
    return texts


def item_filters(item: Item) -> dict:
    return {
        "theme": item.key.split("/", 1)[0],  # a theme's key is its first part ("policy/7.2")
        "language": [code for code in ("es", "en") if getattr(item, f"text_{code}")],
    }


def objective_texts(objective: GcmObjective) -> dict[str, tuple[str, str]]:
    """The objective's number and title as its page lists them ("1. Collect …"), and the page's
    heading ("Global Compact objective 1"), by which "pacto mundial" finds it. The heading is
    indexed in each language even where the title is not given in it (the Spanish titles are not
    copied yet): the page exists in both, and the hit then shows the other language's title."""
    texts = {}
    for language in ("es", "en"):
        title = getattr(objective, f"title_{language}")
        with translation.override(language):
            heading = gettext("Global Compact objective %(number)s") % {"number": objective.number}
        texts[language] = (f"{objective.number}. {title}" if title else "", heading)
    return texts


def register_kinds() -> None:
    register(
        Searchable(
            kind="planning.item",
            model=Item,
            label=_("Plan of Action items"),
            texts=item_texts,
            url=lambda item: reverse("planning:item", args=[item.pk]),
            filters=item_filters,
            themes=tuple(Theme.choices),
            public=True,  # plans are public: Item.objects.visible_to is everything
        )
    )
    register(
        Searchable(
            kind="planning.gcmobjective",
            model=GcmObjective,
            label=_("Global Compact objectives"),
            texts=objective_texts,
            url=lambda objective: reverse("planning:gcm_objective", args=[objective.number]),
            filters=lambda objective: {
                "language": [code for code in ("es", "en") if getattr(objective, f"title_{code}")]
            },
            public=True,
        )
    )
