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
    copied into a link would lead off the site."""
    try:
        match = resolve(request.path_info)  # in the language the page is shown in
        with override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return f"{get_script_prefix()}{code}/"
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path
