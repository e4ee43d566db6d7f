"""PLACEHOLDER (being written by a helper this session): matrix cycles pages."""

from django.http import Http404

from puebla.core.gates import secretariat_view


@secretariat_view
def cycle_list(request, **kwargs):
    raise Http404


@secretariat_view
def cycle_new(request, **kwargs):
    raise Http404


@secretariat_view
def cycle_topics(request, **kwargs):
    raise Http404


@secretariat_view
def country_entries(request, **kwargs):
    raise Http404


@secretariat_view
def cycle_publish(request, **kwargs):
    raise Http404
