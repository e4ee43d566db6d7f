"""The translation desk: what exists in one language only, and a page to translate each text
beside its source (puebla.translation_desk.services)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from puebla.core.gates import signed_in_view
from puebla.core.text import other_language
from puebla.translation_desk import selectors, services
from puebla.translation_desk.forms import TranslationForm
from puebla.translation_desk.kinds import Kind, kind_for

PER_PAGE = 25


def _language(language: str) -> str:
    if language not in selectors.LANGUAGES:
        raise Http404
    return language


def _refuse_unless_desk_user(user) -> None:
    # A page someone may not use does not exist for them (puebla.core.gates).
    if not selectors.may_use_desk(user):
        raise Http404


@signed_in_view
def desk(request):
    _refuse_unless_desk_user(request.user)
    waiting = selectors.waiting_counts(request.user)
    return render(
        request,
        "translation_desk/desk.html",
        {
            "waiting": waiting,
            "languages": selectors.LANGUAGES,
            "out_of_date": selectors.out_of_date(request.user),
        },
    )


def _texts(kind: Kind, record, language: str) -> list[dict]:
    """The record's texts that exist in the other language only, to list."""
    other = other_language(language)
    return [
        {
            "field": field,
            "label": kind.field_label(field),
            "source": getattr(record, f"{field}_{other}"),
            "source_language": other,
        }
        for field in kind.fields
        if not getattr(record, f"{field}_{language}") and getattr(record, f"{field}_{other}")
    ]


@signed_in_view
def waiting(request, kind, into):
    _refuse_unless_desk_user(request.user)
    kind, language = kind_for(kind), _language(into)
    words = request.GET.get("q", "").strip()[:100]
    records = selectors.waiting_records(kind, language, request.user, containing=words)
    page = Paginator(records.select_related().order_by("pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [{"record": record, "texts": _texts(kind, record, language)} for record in page]
    return render(
        request,
        "translation_desk/waiting.html",
        {"kind": kind, "language": language, "page": page, "rows": rows, "words": words},
    )


@signed_in_view
def translate_text(request, kind, pk, field, into):
    user = request.user
    _refuse_unless_desk_user(user)
    kind, language = kind_for(kind), _language(into)
    if field not in kind.fields:
        raise Http404
    record = selectors.editable_records(kind, user).filter(pk=pk).first()
    if record is None:
        raise Http404
    translation = selectors.desk_translation(kind, record.pk, field, language)
    source_language = other_language(language)
    source = getattr(record, f"{field}_{source_language}")
    if translation is None and (getattr(record, f"{field}_{language}") or not source):
        # The source's own text (edited on the record's page, never at the desk), or nothing
        # to translate from.
        raise Http404
    multiline = isinstance(kind.column(field, language), models.TextField)
    initial = {"text": getattr(record, f"{field}_{language}")}
    form = TranslationForm(
        request.POST or None, initial=initial, language=language, multiline=multiline
    )
    # Back to the list as it was left: with the words it was searched for.
    back = reverse("translation_desk:waiting", args=[kind.key, language])
    if words := request.GET.get("q", "").strip()[:100]:
        back += "?" + urlencode({"q": words})
    if request.method == "POST":
        try:
            if request.POST.get("action") == "review" and translation is not None:
                services.review(kind=kind, translation=translation, by=user)
                messages.success(request, _("The translation is marked as reviewed."))
                return redirect("translation_desk:desk")
            if form.is_valid():
                services.translate(
                    kind=kind,
                    pk=record.pk,
                    field=field,
                    language=language,
                    text=form.cleaned_data["text"],
                    by=user,
                )
                messages.success(
                    request,
                    _(
                        "The translation is saved: pages show it from now on, marked as a translation."
                    ),
                )
                return redirect(back)
        except ValidationError as error:
            form.add_error(None, error)
    out_of_date = translation is not None and translation.is_out_of_date(record)
    return render(
        request,
        "translation_desk/translate.html",
        {
            "kind": kind,
            "record": record,
            "field": field,
            "field_label": kind.field_label(field),
            "language": language,
            "source_language": source_language,
            "source": source,
            "translation": translation,
            "out_of_date": out_of_date,
            "form": form,
            "back": back,
        },
    )
