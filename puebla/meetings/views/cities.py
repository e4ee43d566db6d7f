"""The secretariat adds a city from the meeting form (puebla.meetings.drafts keeps what was
typed there) and goes back to it with the new city chosen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view
from puebla.meetings import drafts, services
from puebla.meetings.city_forms import CityForm


@secretariat_view
def city_new(request):
    token = request.GET.get("draft", "")
    typed = drafts.draft_data(request, token)
    if typed is None:  # opened on its own: a new meeting form comes back with the city chosen
        token = ""
    proposed = {"country": typed.get("host_country")} if typed else {}
    form = CityForm(request.POST or None, initial=proposed)
    if request.method == "POST" and form.is_valid():
        try:
            city = services.city_create(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if not token:
                token = drafts.draft_keep(
                    request, data=QueryDict(), return_to=reverse("meetings:new")
                )
            drafts.draft_choose(request, token, name="city", value=str(city.pk))
            messages.success(
                request,
                _(
                    "%(city)s was added to the cities and chosen for the meeting. "
                    "The meeting itself is not saved yet."
                )
                % {"city": city},
            )
            return redirect(_back(request, token))
    context = {"form": form, "back": _back(request, token)}
    return render(request, "meetings/city_form.html", context)


def _back(request, token: str) -> str:
    """The meeting form the draft came from, with the draft; else a new meeting form."""
    return_to = drafts.draft_return_to(request, token) if token else None
    if return_to is None:
        return reverse("meetings:new")
    return f"{return_to}?draft={token}"
