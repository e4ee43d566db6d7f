"""The participants directory: who is whose focal point, and who sits on which body.

Every signed-in participant may open it (it answers "who is Honduras' focal point?"). Names,
countries, organisations, bodies and roles are for all of them; an e-mail address is shown to
member-state officials and the secretariat (the "members" audience), and to everyone else
only when the person marked it public. Only current appointments and active accounts count.
"""

from django import forms
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from puebla.accounts.models import User
from puebla.core.access import reads_members_records
from puebla.core.choices import ByNameModelChoiceField
from puebla.core.gates import signed_in_view
from puebla.core.text import collation_key
from puebla.directory.models import Appointment, Body, Country, Person


class ParticipantFilterForm(forms.Form):
    country = ByNameModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, empty_label=_("All")
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.all(), required=False, empty_label=_("All")
    )
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)


@signed_in_view
def participants(request):
    form = ParticipantFilterForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    country, body, text = criteria.get("country"), criteria.get("body"), criteria.get("q", "")

    focal_points = (
        User.objects.active()
        .filter(is_focal_point=True, affiliation="member_state")
        .select_related("country", "person")
    )
    appointments = Appointment.objects.current().select_related("body", "country", "organisation")
    people = Person.objects.filter(appointments__in=appointments).distinct()
    if country:
        focal_points = focal_points.filter(country=country)
        appointments = appointments.filter(country=country)
        people = people.filter(appointments__in=appointments)
    if body:
        focal_points = focal_points.none()
        appointments = appointments.filter(body=body)
        people = people.filter(appointments__in=appointments)
    if text:
        name = Q(given_name__icontains=text) | Q(family_name__icontains=text)
        focal_points = focal_points.filter(Q(full_name__icontains=text))
        people = people.filter(name)
    people = people.prefetch_related(
        Prefetch("appointments", queryset=appointments.order_by("body__position"), to_attr="now")
    ).order_by("family_name", "given_name")
    context = {
        "form": form,
        # By country in the reader's language (Panamá before Perú), then by name.
        "focal_points": sorted(
            focal_points,
            key=lambda user: (collation_key(str(user.country)), collation_key(user.full_name)),
        ),
        "people": people,
        "sees_contacts": reads_members_records(request.user),
        "filtered": bool(country or body or text),
    }
    return render(request, "intranet/participants.html", context)
