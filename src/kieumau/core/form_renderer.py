"""How form widgets are drawn: Django's own widgets through Jinja2, the rest as usual.

Django's Jinja2 form renderer gives the same HTML as its template-language renderer several
times faster, and an assessment page draws 55 widgets. It only knows django.forms' templates,
so the admin's and auth's own widget templates fall back to the usual renderer.
"""

from functools import cached_property

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(Jinja2):
    @cached_property
    def fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
