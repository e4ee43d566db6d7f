"""Adding and changing documents and their files: the secretariat, and a body's editors for
that body's documents (Document.EDITING_BODY_FIELD)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.documents import services
from puebla.documents.forms import DocumentForm, UploadForm
from puebla.documents.models import Document, DocumentFile


def _may_add(user) -> bool:
    return access.is_secretariat(user) or bool(user.edited_body_ids)


@signed_in_view
def document_new(request):
    if not _may_add(request.user):
        raise Http404
    return _edit(request, None)


@signed_in_view
def document_edit(request, slug):
    return _edit(request, _editable_or_404(request, slug))


def _editable_or_404(request, slug) -> Document:
    return get_object_or_404(Document.objects.editable_by(request.user), slug=slug)


def _edit(request, document):
    # "Add a document to this meeting" (the meeting's edit page) names the meeting; the form
    # offers only meetings its reader sees, so another value selects nothing.
    initial = {"meeting": request.GET.get("meeting")} if document is None else {}
    form = DocumentForm(request.POST or None, instance=document, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form.Meta.fields and name not in ("audience_bodies", "slug")
        }
        bodies = form.cleaned_data["audience_bodies"]
        try:
            if document is None:
                fields["slug"] = form.cleaned_data["slug"]
                saved = services.document_create(fields=fields, bodies=bodies, by=request.user)
            else:
                saved = services.document_update(
                    document=document, changes=fields, bodies=bodies, by=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Who may see it, in words: an audience taken from a folder is not a surprise.
            messages.success(
                request,
                _("The document was saved. Who may see it: %(audience)s.")
                % {"audience": access.audience_description(saved)},
            )
            return redirect("documents:upload", slug=saved.slug)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@signed_in_view
def upload(request, slug):
    document = _editable_or_404(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = services.file_upload(
                document=document,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("Version %(version)s of the file was added.") % {"version": stored.version},
            )
            return redirect("documents:upload", slug=document.slug)
    versions = list(document.files.select_related("uploaded_by"))
    newest = {}
    for stored in versions:  # newest first within each language (Meta.ordering)
        newest.setdefault(stored.language, stored.pk)
    return render(
        request,
        "documents/upload.html",
        {
            "document": document,
            "form": form,
            "versions": versions,
            "newest": set(newest.values()),
        },
    )


@secretariat_view
def restore(request, slug, pk):
    version = get_object_or_404(DocumentFile, document__slug=slug, pk=pk)
    if request.method == "POST":
        made = services.file_restore(version=version, by=request.user)
        messages.success(
            request,
            _("Version %(old)s is the newest again, as version %(new)s.")
            % {"old": version.version, "new": made.version},
        )
        return redirect("documents:upload", slug=slug)
    return render(request, "documents/restore.html", {"version": version})
