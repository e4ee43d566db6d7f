"""The search thesaurus in the intranet: the Technical Secretariat lists, adds, corrects and
deletes pairs (puebla.search.thesaurus_services). Anyone else gets "not found"
(puebla.core.gates)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view
from puebla.search import thesaurus_services as services
from puebla.search.thesaurus_forms import ThesaurusPairForm
from puebla.search.thesaurus_models import ThesaurusPair

PER_PAGE = 25


@secretariat_view
def pair_list(request):
    words = request.GET.get("q", "").strip()[:100]
    pairs = ThesaurusPair.objects.containing(words)
    page = Paginator(pairs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/thesaurus_list.html", {"page": page, "words": words})


@secretariat_view
def pair_new(request):
    return _edit(request, None)


@secretariat_view
def pair_edit(request, pk):
    return _edit(request, get_object_or_404(ThesaurusPair, pk=pk))


def _edit(request, pair):
    form = ThesaurusPairForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data.get(name) for name in services.EDITABLE}
        try:
            saved = services.pair_save(pair=pair, fields=fields, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The pair “%(pair)s” was saved: the search uses it from now on.")
                % {"pair": saved},
            )
            return redirect("search:thesaurus")
    return render(request, "search/thesaurus_form.html", {"form": form, "pair": pair})


@secretariat_view
def pair_delete(request, pk):
    pair = get_object_or_404(ThesaurusPair, pk=pk)
    if request.method == "POST":
        services.pair_delete(pair=pair, by=request.user)
        messages.success(
            request,
            _("The pair “%(pair)s” was deleted. Its history is kept.") % {"pair": pair},
        )
        return redirect("search:thesaurus")
    return render(request, "search/thesaurus_delete.html", {"pair": pair})
