"""A meeting form kept while the secretariat adds a city, without JavaScript.

"Add a city" submits the meeting form; what was typed is kept in the person's session under a
random key, the city form opens, and the new city comes back chosen in the meeting form with
everything else as it was typed. Nothing of the meeting is saved until "Save the meeting".
The address to go back to is kept in the session too, never taken from the query string, so
the flow cannot be turned into a redirect elsewhere.
"""

import secrets

from django.http import QueryDict

SESSION_KEY = "meeting_drafts"
KEPT = 5  # drafts per session: one per form left open in a tab, the oldest dropped
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "add_city"})


def draft_keep(request, *, data: QueryDict, return_to: str) -> str:
    """Keep the typed `data` of the form at `return_to`; returns the draft's key."""
    drafts = request.session.get(SESSION_KEY, {})
    token = secrets.token_urlsafe(12)
    drafts[token] = {
        "data": [[name, values] for name, values in data.lists() if name not in NOT_KEPT],
        "return_to": return_to,
    }
    request.session[SESSION_KEY] = dict(list(drafts.items())[-KEPT:])
    return token


def draft_data(request, token: str) -> QueryDict | None:
    """The data kept under `token`, as the form posted it; None when there is no such draft."""
    draft = request.session.get(SESSION_KEY, {}).get(token)
    if draft is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in draft["data"]:
        data.setlist(name, values)
    return data


def draft_return_to(request, token: str) -> str | None:
    draft = request.session.get(SESSION_KEY, {}).get(token)
    return None if draft is None else draft["return_to"]


def draft_choose(request, token: str, *, name: str, value: str) -> None:
    """Set field `name` of the draft to `value` (the city just added)."""
    drafts = request.session.get(SESSION_KEY, {})
    draft = drafts.get(token)
    if draft is None:
        return
    draft["data"] = [[key, values] for key, values in draft["data"] if key != name]
    draft["data"].append([name, [value]])
    request.session[SESSION_KEY] = drafts


def draft_drop(request, token: str) -> None:
    drafts = request.session.get(SESSION_KEY, {})
    if drafts.pop(token, None) is not None:
        request.session[SESSION_KEY] = drafts


def initial_from(form_class, data: QueryDict, **kwargs) -> dict:
    """The values `data` gives each field of `form_class`, as a form's initial values: the
    form is shown as typed, without the errors a half-filled form would show. A disabled
    field (the slug of a meeting being edited) is never posted: it keeps its own value."""
    bound = form_class(data=data, **kwargs)
    return {name: bound[name].data for name, field in bound.fields.items() if not field.disabled}
