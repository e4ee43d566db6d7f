"""One rendering of form fields for the whole site (settings.FORM_RENDERER).

Django's default field template puts every label above its input. A checkbox then sits on the
line below its own label, right beside the next field's label, and people read the wrong
label for it. puebla/templates/forms/field.html puts a checkbox's box first with its label
on the same line, and keeps the other fields as Django has them, each in a wrapper of its own.
The project's template engine renders forms, so that template is found in the project's
templates folder (and Django's own widget templates through the `django.forms` app).
"""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
