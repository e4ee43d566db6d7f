"""A cycle's topics, set by the secretariat (puebla.followup.matrix.services): added, renamed,
and removed after a confirmation while no country has written on them. Every topic is written
in the matrix's built-in columns, policy, legislation and regulations, which the page says and
the services refuse as topics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.forms import add_service_error
from puebla.core.gates import secretariat_view
from puebla.core.text import text_in
from puebla.followup.matrix import services
from puebla.followup.matrix.columns import AREA_NAMES, AREAS
from puebla.followup.matrix.forms import TopicForm, TopicTitlesForm
from puebla.followup.models import MatrixTopic
from puebla.followup.visibility import cycle_or_404


@secretariat_view
def cycle_topics(request, pk):
    cycle = cycle_or_404(pk)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_add(cycle=cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The topic “%(topic)s” was added.") % {"topic": text_in(topic, "title")},
            )
            return redirect("followup:cycle_topics", pk=cycle.pk)
    context = {
        "cycle": cycle,
        # How many countries wrote on each: a topic written on is kept (topic_removal_refusal).
        "topics": cycle.topics.annotate(entry_count=Count("entries")),
        "form": form,
        "areas": [AREA_NAMES[area] for area in AREAS],
    }
    return render(request, "followup/cycle_topics.html", context)


def _topic_or_404(pk) -> MatrixTopic:
    return get_object_or_404(MatrixTopic.objects.select_related("cycle__meeting"), pk=pk)


@secretariat_view
def topic_edit(request, pk):
    """Rename a topic, or move it in the list; its key stays."""
    topic = _topic_or_404(pk)
    initial = {"title_es": topic.title_es, "title_en": topic.title_en, "position": topic.position}
    form = TopicTitlesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_rename(topic=topic, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The topic is now “%(topic)s”.") % {"topic": text_in(topic, "title")},
            )
            return redirect("followup:cycle_topics", pk=topic.cycle_id)
    context = {
        "topic": topic,
        "cycle": topic.cycle,
        "form": form,
        "areas": [AREA_NAMES[area] for area in AREAS],
    }
    return render(request, "followup/topic_form.html", context)


@secretariat_view
def topic_remove(request, pk):
    """The confirmation step, or the reason the topic stays (services.topic_removal_refusal)."""
    topic = _topic_or_404(pk)
    refusal = services.topic_removal_refusal(topic)
    if request.method == "POST" and not refusal:
        try:
            services.topic_remove(topic=topic, by=request.user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("The topic “%(topic)s” was removed.") % {"topic": text_in(topic, "title")},
            )
            return redirect("followup:cycle_topics", pk=topic.cycle_id)
    context = {"topic": topic, "cycle": topic.cycle, "refusal": refusal}
    return render(request, "followup/topic_remove.html", context)
