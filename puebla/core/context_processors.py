from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils.translation import get_language, get_language_info, override


def language_links(request):
    """Links to the current page in each language, so the switch keeps the reader in place."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = _page_in(request, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": f"{settings.SITE_URL}{url}",
                "current": code == current,
            }
        )
    return {"language_links": links, "site_url": settings.SITE_URL}


def _page_in(request, code: str) -> str:
    """This page's path in `code`, rebuilt from the URL it resolved to; the home page in `code`
    for a path that resolves to nothing (a 404), whose text the visitor chose: `//evil.com/`
    copied into a link would lead off the site. A `next` page (sign-in) follows the switch."""
    path = _path_in(request.path_info, code)
    if path is None:
        return f"{get_script_prefix()}{code}/"
    query = request.GET.copy()
    if "next" in query:
        query["next"] = _path_in(query["next"], code) or query["next"]
    return f"{path}?{query.urlencode(safe='/')}" if query else path


def _path_in(path: str, code: str) -> str | None:
    """`path` of this site in language `code`, or None when it resolves to no page."""
    try:
        match = resolve(path)
        # A view whose URL carries a key that differs by language (a notice's) says how to
        # find the key in `code`.
        kwargs_in = getattr(match.func, "kwargs_in", None)
        kwargs = kwargs_in(match.kwargs, code) if kwargs_in else match.kwargs
        with override(code):
            return reverse(match.view_name, args=match.args, kwargs=kwargs)
    except (Resolver404, NoReverseMatch):
        return None
