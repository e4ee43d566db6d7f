"""PLACEHOLDER (being written by a helper this session): request reminders, heads of delegation, answer file removal."""

from django.http import Http404

from puebla.core.gates import secretariat_view


@secretariat_view
def request_reminders(request, **kwargs):
    raise Http404


@secretariat_view
def heads_of_delegation(request, **kwargs):
    raise Http404


@secretariat_view
def answer_file_remove(request, **kwargs):
    raise Http404
