"""Long lists of choices: a <select> whose markup is written in Python rather than through a
template per option (`LongSelect`), and choices given in their final form (`ListedChoices`)."""

from html import escape

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A <select> of many flat choices (no groups), in Django's markup for one.

    Django renders a select through a template for each option, after building a dictionary
    for each: a fifth of a millisecond an option, so a filter that offers 2,000 responsible parties costs
    more than the rest of its page. Here the options are written in one pass, each value and
    label escaped as the template escapes them (django.utils.html.escape is html.escape, made
    to accept lazy text: the choices' labels are text by now).
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))
        # In the order Django's template writes them: True is the name alone, False nothing.
        attributes = "".join(
            f" {escape(key)}" if value is True else f' {escape(key)}="{escape(str(value))}"'
            for key, value in self.build_attrs(self.attrs, attrs).items()
            if value is not False
        )
        options = "".join(
            f'\n  <option value="{escape(str(option))}"{" selected" if str(option) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for option, label in self.choices
        )
        markup = f'<select name="{escape(name)}"{attributes}>{options}\n</select>'
        return mark_safe(markup)  # noqa: S308 (every value and label escaped)


class ListedChoices(BaseChoiceIterator):
    """(value, label) pairs, in the form Django puts every field's choices in: a field takes
    them as they are (Django leaves a choice iterator alone), where it would go through a list
    twice, pair by pair, to normalize it (once for the field, once for its widget)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)
