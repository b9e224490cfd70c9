"""Choice lists take KERN's class for their kind: a checkbox list is not drawn as radios
(Django's CheckboxSelectMultiple is a subclass of RadioSelect)."""

from __future__ import annotations

from django import forms

from home.templatetags.form_tags import kern_choice


class ChoicesForm(forms.Form):
    topics = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")],
                                       widget=forms.CheckboxSelectMultiple)
    kind = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)


def test_checkbox_lists_get_kerns_checkbox_class_and_radio_lists_its_radio_class():
    form = ChoicesForm()
    topic = kern_choice(form["topics"].subwidgets[0], form["topics"])
    kind = kern_choice(form["kind"].subwidgets[0], form["kind"])
    assert 'type="checkbox"' in topic and 'class="kern-form-check__checkbox"' in topic
    assert 'type="radio"' in kind and 'class="kern-form-check__radio"' in kind


def test_a_choice_with_an_error_gets_kerns_error_class_too():
    form = ChoicesForm(data={"kind": "z"})
    assert not form.is_valid()
    kind = kern_choice(form["kind"].subwidgets[0], form["kind"])
    assert 'class="kern-form-check__radio kern-form-check__radio--error"' in kind
