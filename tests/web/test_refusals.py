from django import forms
from django.core.exceptions import ValidationError

from kieumau.accounts.scopes import Denied
from kieumau.web.refusals import refusal_text, refusal_to_form


class NoteForm(forms.Form):
    note = forms.CharField()


def _form() -> NoteForm:
    form = NoteForm({"note": "x"})
    assert form.is_valid()
    return form


def test_a_refusal_reads_as_one_message():
    assert refusal_text(Denied("Ngoài phạm vi.")) == "Ngoài phạm vi."
    assert (
        refusal_text(ValidationError(["Thiếu hạn.", "Thiếu người."])) == "Thiếu hạn. Thiếu người."
    )


def test_a_refusal_naming_a_field_goes_beside_it_and_the_rest_above_the_form():
    form = _form()

    refusal_to_form(form, ValidationError({"note": "Quá dài.", "file": "Sai định dạng."}))

    assert form.errors == {"note": ["Quá dài."], "__all__": ["Sai định dạng."]}


def test_a_plain_refusal_or_a_denial_goes_above_the_form():
    form = _form()

    refusal_to_form(form, ValidationError(["Thiếu hạn.", "Thiếu người."]))
    refusal_to_form(form, Denied("Ngoài phạm vi."))

    assert form.non_field_errors() == ["Thiếu hạn.", "Thiếu người.", "Ngoài phạm vi."]
