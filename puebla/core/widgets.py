"""Long lists of choices: a <select> whose options are written in Python rather than through a
template per option (`LongSelect`), and choices given in their final form (`ListedChoices`)."""

import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A <select> for long lists of records (a filter offering every body that has meetings).

    Django's Select renders each option through templates of its own (select_option.html, then
    attrs.html), tens of microseconds an option: a list of a thousand costs a page more than
    everything else on it. This one writes the same <option> elements itself, each value and
    label escaped, and keeps Django's template for the <select> (its name and attributes).
    Flat lists only: no option groups, no attributes per option.
    """

    template_name = "forms/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: that one builds a dictionary per option.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = set(context["widget"]["value"])  # format_value: the values as strings
        # html.escape is what Django's escape() does, without its wrapper for lazy strings
        # (the values and labels are made strings first): a tenth of format_html's cost.
        options = []
        for option_value, option_label in self.choices:
            selected = " selected" if str(option_value) in chosen else ""
            options.append(
                f'  <option value="{html.escape(str(option_value))}"{selected}>'
                f"{html.escape(str(option_label))}</option>"
            )
        context["widget"]["options"] = mark_safe("\n".join(options))  # noqa: S308 - escaped above
        return context


class ListedChoices(BaseChoiceIterator):
    """(value, label) pairs, in the form Django puts every field's choices in: a field takes
    them as they are (Django leaves a choice iterator alone), where it would go through a list
    twice, pair by pair, to normalize it (once for the field, once for its widget)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)
