"""Writing notices in the intranet (the secretariat): new, edit, delete after confirmation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.intranet import services
from puebla.intranet.forms import NoticeForm
from puebla.intranet.models import Notice


@secretariat_view
def notice_new(request):
    return _edit(request, None)


@secretariat_view
def notice_edit(request, slug):
    return _edit(request, get_object_or_404(Notice.objects.with_slug(slug)))


def _edit(request, notice):
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data.get(name) for name in services.EDITABLE}
        try:
            saved = services.notice_save(
                notice=notice,
                fields=fields,
                bodies=form.cleaned_data["audience_bodies"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The notice was saved."))
            return redirect("intranet:notice", slug=saved.url_slug)
    return render(request, "intranet/notice_form.html", {"form": form, "notice": notice})


@secretariat_view
def notice_delete(request, slug):
    notice = get_object_or_404(Notice.objects.with_slug(slug))
    if request.method == "POST":
        services.notice_delete(notice=notice, by=request.user)
        messages.success(request, _("The notice was deleted. Its history is kept."))
        return redirect("intranet:notices")
    return render(request, "intranet/notice_delete.html", {"notice": notice})
