"""A long select is Django's select, written in one pass: the same markup, values and labels
escaped, the chosen one selected; its choices are taken as given, and still validate."""

import re

from django import forms

from puebla.core.widgets import ListedChoices, LongSelect

CHOICES = [("", "All"), ("body-3", "Red & <Network>"), ("secretariat", 'The "Secretariat"')]


class Form(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    long = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)
    plain_required = forms.ChoiceField(choices=CHOICES)
    long_required = forms.ChoiceField(choices=CHOICES, widget=LongSelect)


def markup(form, name) -> str:
    """The field's markup, its name made the same and the template's blank lines left out."""
    rendered = str(form[name]).replace(name, "field")
    return re.sub(r"\n\s*\n", "\n", rendered)


def test_it_is_djangos_select_markup():
    for data in ({}, {"plain": "body-3", "long": "body-3"}):
        form = Form(data)
        assert markup(form, "long") == markup(form, "plain")
        assert markup(form, "long_required") == markup(form, "plain_required")
    chosen = str(Form({"long": "body-3"})["long"])
    assert '<option value="body-3" selected>Red &amp; &lt;Network&gt;</option>' in chosen
    assert "The &quot;Secretariat&quot;" in chosen


def test_listed_choices_are_taken_as_given_and_validate():
    form = Form({"long": "secretariat", "long_required": "nothing-of-the-kind"})
    form.fields["long"].choices = ListedChoices(CHOICES)
    form.fields["long_required"].choices = ListedChoices(CHOICES)
    assert form.fields["long"].choices.pairs is CHOICES
    assert not form.is_valid()
    assert form.cleaned_data["long"] == "secretariat"
    assert "long_required" in form.errors
    assert '<option value="secretariat" selected>' in str(form["long"])
