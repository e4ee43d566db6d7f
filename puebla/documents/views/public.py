"""The library: documents by Plan of Action theme and kind, a page per document, and the
download view that checks the audience on every request."""

from itertools import groupby

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from puebla.core.access import get_visible_or_404
from puebla.core.gates import public_view
from puebla.core.pagecache import public_page
from puebla.directory.models import Body
from puebla.documents.models import Document, DocumentFile, Theme


@public_page
def library(request):
    documents = list(
        Document.objects.visible_to(request.user)
        .for_listing()
        .prefetch_related("audience_bodies")
        .select_related("audience_country")
        .order_by("theme", "kind", "-year", "slug")
    )
    labels = dict(Theme.choices) | {"": _("Other documents")}
    by_theme = {
        theme: list(items)
        for theme, items in groupby(documents, key=lambda document: document.theme)
    }
    # The Plan of Action's themes in its order, then the documents under none.
    groups = [
        {"theme": labels[theme], "documents": by_theme[theme]}
        for theme in [*Theme.values, ""]
        if theme in by_theme
    ]
    context = {
        "groups": groups,
        "any_elsewhere": any(document.external_url for document in documents),
        # Whom to ask for a document Puebla holds no file of.
        "secretariat": Body.objects.filter(kind=Body.Kind.SECRETARIAT).first(),
    }
    return render(request, "documents/library.html", context)


@public_page
def document_page(request, slug):
    document = get_visible_or_404(
        Document.objects.select_related("body", "meeting", "audience_country").prefetch_related(
            "audience_bodies"
        ),
        request,
        slug=slug,
    )
    files = list(document.files.all())
    current = {}
    for stored in files:  # newest first within each language (Meta.ordering)
        current.setdefault(stored.language, stored)
    return render(
        request,
        "documents/document.html",
        {"document": document, "current": list(current.values()), "versions": files},
    )


@public_view
def download(request, slug, pk):
    """The file, if the reader may see its document; the same 404 as for a file that does not
    exist otherwise. Never cached by anything on the way."""
    stored = get_visible_or_404(
        DocumentFile.objects.select_related("document").filter(document__slug=slug),
        request,
        pk=pk,
    )
    name = stored.download_name()
    if settings.DOCUMENTS_ACCEL_REDIRECT:
        response = HttpResponse(content_type=stored.mime)
        response["X-Accel-Redirect"] = settings.DOCUMENTS_ACCEL_REDIRECT + stored.file.name
    else:
        response = FileResponse(stored.file.open("rb"), content_type=stored.mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
