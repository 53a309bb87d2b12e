"""Widgets drawn through Jinja2 are the same HTML as through Django's template language."""

from django import forms
from django.contrib.admin import site
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.forms.renderers import DjangoTemplates

from kieumau.accounts.models import User
from kieumau.core.form_renderer import FormRenderer
from kieumau.web.forms import DecimalTextField


class Sample(forms.Form):
    value = DecimalTextField(required=False)
    choice = forms.ChoiceField(choices=[("1", "Có"), ("0", "Không")], widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "form": "assessment-form"}))


def test_django_widgets_are_the_same_html_as_with_the_template_language():
    data = {"TC1-value": "8,5", "TC1-choice": "1", "TC1-note": "<b>ghi chú</b>"}
    form = Sample(data=data, prefix="TC1")

    assert form.render(renderer=FormRenderer()) == form.render(renderer=DjangoTemplates())
    assert 'name="TC1-value" value="8,5"' in form.render(renderer=FormRenderer())
    assert "&lt;b&gt;ghi chú&lt;/b&gt;</textarea>" in form.render(renderer=FormRenderer())
    assert 'value="1" required id="id_TC1-choice_0" checked' in form.render(renderer=FormRenderer())


def test_widgets_of_other_apps_fall_back_to_the_template_language(db):
    relation = User._meta.get_field("unit").remote_field
    widget = ForeignKeyRawIdWidget(relation, admin_site=site)

    html = widget.render("unit", None, renderer=FormRenderer())

    assert html == widget.render("unit", None, renderer=DjangoTemplates())
    assert 'class="vForeignKeyRawIdAdminField"' in html
