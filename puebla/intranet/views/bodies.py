"""The RCM's bodies in the intranet, for the secretariat: each body's members and editors, and
the editors appointed and removed there (puebla.accounts.body_editors), a removal after a page
that asks for confirmation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puebla.accounts.body_editors import body_editor_appoint, body_editor_remove, current_editors
from puebla.accounts.models import User
from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view
from puebla.directory.models import Appointment, Body


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name} <{user.email}>"


class EditorForm(forms.Form):
    user = AccountChoiceField(
        label=gettext_lazy("Person"),
        queryset=User.objects.none(),
        help_text=gettext_lazy(
            "A person with an active account. Invite someone without one first (Invitations)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name", "email"
        )


@secretariat_view
def body_list(request):
    return render(request, "intranet/body_list.html", {"bodies": Body.objects.all()})


@secretariat_view
def body_page(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = EditorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = body_editor_appoint(
                body=body, user=form.cleaned_data["user"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now an editor of this body.") % {"person": appointment.person},
            )
            return redirect("intranet:body", slug=body.slug)
    members = (
        Appointment.objects.current()
        .filter(body=body, role=Appointment.Role.MEMBER)
        .select_related("person", "country", "organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    context = {"body": body, "form": form, "editors": current_editors(body), "members": members}
    return render(request, "intranet/body.html", context)


@secretariat_view
def body_editor_remove_page(request, slug, pk):
    body = get_object_or_404(Body, slug=slug)
    appointment = get_object_or_404(current_editors(body), pk=pk)
    if request.method == "POST":
        try:
            body_editor_remove(appointment=appointment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s is no longer an editor of this body. The history is kept.")
                % {"person": appointment.person},
            )
        return redirect("intranet:body", slug=body.slug)
    return render(
        request, "intranet/body_editor_remove.html", {"body": body, "appointment": appointment}
    )
