"""The search page's query and filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.CharField(max_length=60, required=False)
    year = forms.IntegerField(min_value=1, max_value=9999, required=False)
    # A record's number, within what every database compares (a larger one is ignored, not
    # a server error: SQLite cannot bind an integer over 2**63).
    body = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    theme = forms.CharField(max_length=60, required=False)
    language = forms.CharField(max_length=8, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)

    def criteria(self) -> dict:
        """The valid values; a value that is not valid is dropped, the others still apply."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return {
            "query": (data.get("q") or "").strip(),
            "kinds": [data["kind"]] if data.get("kind") else None,
            "year": data.get("year"),
            "body": data.get("body"),
            "theme": data.get("theme") or None,
            "language": data.get("language") or None,
            "page": data.get("page") or 1,
        }
