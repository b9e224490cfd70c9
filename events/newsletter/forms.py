"""Sign-up for the newsletter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms import TopicCheckboxesField
from events.models import EventFormat

NEWSLETTER_CONSENT = _(
    "I would like to receive the Start Smart newsletter. The office stores my address and "
    "choices only to send it; I can unsubscribe at any time with the link in every "
    "newsletter.")


class NewsletterForm(forms.Form):
    """Sign-up for the newsletter. Nothing is subscribed until the address is confirmed
    with the link that the sign-up sends (see :mod:`events.newsletter.service`)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    topics = TopicCheckboxesField(
        label=_("Topics"), required=False,
        help_text=_("Leave all unticked to hear about every topic."),
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")})
    formats = forms.MultipleChoiceField(
        label=_("Formats"), required=False, choices=EventFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about every format."))
    consent = forms.BooleanField(
        label=NEWSLETTER_CONSENT,
        error_messages={"required": _("Please agree, so that we may send you the "
                                      "newsletter.")})

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
