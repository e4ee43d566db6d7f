"""The intranet: "My secretariat", notices, and the secretariat's recent-changes page."""

from django.core.paginator import Paginator
from django.shortcuts import render

from puebla.core.access import audience_labels, get_visible_or_404, is_secretariat, own_country_id
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.intranet import panels
from puebla.intranet.models import Notice
from puebla.intranet.recent_changes import recent_changes


@signed_in_view
def my_secretariat(request):
    user = request.user
    appointments = (
        user.person.appointments.select_related("body").filter(body_id__in=user.body_ids)
        if user.body_ids
        else []
    )
    context = {
        "audiences": audience_labels(user),
        "own_country": user.country if own_country_id(user) else None,
        "appointments": appointments,
        "notices": Notice.objects.visible_to(user)[:5],
        "is_secretariat": is_secretariat(user),
        "panels": panels.rendered_for(request),
    }
    return render(request, "intranet/my_secretariat.html", context)


@signed_in_view
def notice_list(request):
    notices = Notice.objects.visible_to(request.user).select_related("audience_country")
    page = Paginator(notices, 25).get_page(request.GET.get("page"))
    return render(request, "intranet/notice_list.html", {"page": page})


@signed_in_view
def notice_detail(request, slug):
    notice = get_visible_or_404(
        Notice.objects.select_related("audience_country").with_slug(slug), request
    )
    return render(
        request,
        "intranet/notice_detail.html",
        {"notice": notice, "bodies": notice.audience_bodies.all()},
    )


@secretariat_view
def changes(request):
    return render(
        request, "intranet/changes.html", {"changes": recent_changes(user=request.user, limit=100)}
    )


def _notice_kwargs_in(kwargs, language):
    """The language switch's link to this notice: its key in the other language."""
    notice = Notice.objects.with_slug(kwargs["slug"]).first()
    return {"slug": notice.slug_in(language)} if notice else kwargs


notice_detail.kwargs_in = _notice_kwargs_in
