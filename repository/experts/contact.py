"""A member writes to an expert: the message reaches the expert's e-mail, in the
expert's language, with the sender's address as Reply-To, so that the expert answers
directly; the sender gets a copy in their own language. Neither mail shows the expert's
address to the sender: the copy names the expert only by name."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from community.models import MemberProfile
from community.notifications import language_of
from home import site_urls


def sender_name(sender: Any) -> str:
    profile = getattr(sender, "member_profile", None)
    return profile.display_name if profile else sender.get_username()


def write_to_expert(sender: Any, expert: MemberProfile, message: str) -> None:
    """Sends the message to the expert and the copy to the sender."""
    name = sender_name(sender)
    profile = getattr(sender, "member_profile", None)
    affiliation = profile.affiliation if profile else ""
    with translation.override(language_of(expert.user)):
        sender_url = site_urls.absolute_url(reverse("community:member", args=[sender.pk]))
        body = render_to_string("repository/experts/emails/to_expert.txt", {
            "sender": name, "affiliation": affiliation, "message": message,
            "sender_url": sender_url,
            "profile_url": site_urls.absolute_url(reverse("community:edit_profile"))})
        subject = _("%(sender)s writes to you through the expert directory") % {
            "sender": name}
        EmailMessage(subject[:200], body.strip() + "\n", to=[expert.user.email],
                     reply_to=[sender.email]).send()
    with translation.override(language_of(sender)):
        body = render_to_string("repository/experts/emails/copy_to_sender.txt", {
            "expert": expert.display_name, "message": message})
        subject = _("Your message to %(expert)s") % {"expert": expert.display_name}
        EmailMessage(subject[:200], body.strip() + "\n", to=[sender.email]).send()
