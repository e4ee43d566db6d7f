"""Sections that apps above the intranet add to the intranet's home ("My secretariat"), as the
site search takes its kinds (puebla.search.registry): an app registers a `Panel` from its
AppConfig.ready(), and the intranet shows it without importing the app. The intranet sits
below those apps in the import layers, and a template tag of theirs loaded by the intranet's
template would have been an upward dependency that import-linter cannot see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    # The template's context for this request, or None when the panel is not for its reader.
    context: Callable[[object], dict | None]
    # Panels are shown in this order, below the reader's audiences.
    position: int = 100


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    existing = _panels.get(panel.key)
    if existing is not None and existing != panel:
        raise ImproperlyConfigured(f"The intranet panel {panel.key!r} is registered twice.")
    _panels[panel.key] = panel


def rendered_for(request) -> list[SafeString]:
    """Each registered panel rendered for `request`'s reader, in order; none that says it is
    not for them."""
    rendered = []
    for panel in sorted(_panels.values(), key=lambda panel: (panel.position, panel.key)):
        context = panel.context(request)
        if context is not None:
            rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
