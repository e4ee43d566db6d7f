from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def language_links(request):
    """Links to the current page in each language, so the switch keeps the reader in place."""
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {"language_links": links}
