"""PLACEHOLDER (being written by a helper this session): declarations and commitments pages."""

from django.http import Http404

from puebla.core.gates import secretariat_view


@secretariat_view
def declaration_list(request, **kwargs):
    raise Http404


@secretariat_view
def declaration_new(request, **kwargs):
    raise Http404


@secretariat_view
def declaration_page(request, **kwargs):
    raise Http404


@secretariat_view
def declaration_edit(request, **kwargs):
    raise Http404


@secretariat_view
def commitment_new(request, **kwargs):
    raise Http404


@secretariat_view
def commitment_edit(request, **kwargs):
    raise Http404
