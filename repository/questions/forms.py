"""The forms of asking, answering and promoting into the FAQ."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from repository.models.questions import ANSWER_LENGTH, QUESTION_LENGTH


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It goes to the model project's team and to municipalities that use "
                    "the solution and answer questions. Only they and the office see it "
                    "until the office takes it into the public FAQ."))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write your question."))
        return text


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=ANSWER_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Simple formatting: *emphasis*, lists, links."))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write your answer."))
        return text


class PromotionForm(forms.Form):
    """The FAQ entry in both languages; the office edits the asker's words as needed."""

    question_de = forms.CharField(label=_("Question (German)"), max_length=QUESTION_LENGTH,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    answer_de = forms.CharField(label=_("Answer (German)"), max_length=ANSWER_LENGTH,
                                widget=forms.Textarea(attrs={"rows": 6}))
    question_en = forms.CharField(label=_("Question (English)"), max_length=QUESTION_LENGTH,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    answer_en = forms.CharField(label=_("Answer (English)"), max_length=ANSWER_LENGTH,
                                widget=forms.Textarea(attrs={"rows": 6}))

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {"de": (data["question_de"], data["answer_de"]),
                "en": (data["question_en"], data["answer_en"])}
