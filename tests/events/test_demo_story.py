"""The demo tells one story: the office has one hotline and one e-mail address, and the
footer, the FAQ's contact block and the contact page all give the same, in both
languages; a member's profile speaks of its owner without assuming a gender."""

import re

import pytest
from django.utils import translation

from home.demo import HOTLINE_HOURS, OFFICE_EMAIL_ADDRESS, OFFICE_HOTLINE
from tests.demo import install_demo

pytestmark = pytest.mark.django_db

# Anything written like a German phone number (030 …, +49 …), but not a run of digits
# inside a longer token: a StreamField block's UUID (…-0234-1215-93…) is no phone number.
PHONE = re.compile(r"(?<![\w-])(?:\+49|0\d{2,4})[\d ()/-]{6,}\d(?![\w-])")


def main_and_footer(html: str) -> str:
    return html[html.index('<main'):]


def test_footer_faq_and_contact_page_give_one_hotline_and_address(client):
    install_demo()
    pages = {"de": ("/de/", "/de/fragen/", "/de/kontakt/"),
             "en": ("/en/", "/en/questions/", "/en/contact/")}
    for language, urls in pages.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = main_and_footer(response.content.decode())
            assert OFFICE_HOTLINE in html and OFFICE_EMAIL_ADDRESS in html, url
            assert HOTLINE_HOURS[language] in html, url
            digits = {re.sub(r"\D", "", number) for number in PHONE.findall(html)}
            # Contact people have their own extensions of the same line (… 5671, 5672).
            hotline = re.sub(r"\D", "", OFFICE_HOTLINE)
            assert {number[:-1] for number in digits} == {hotline[:-1]}, (url, digits)


def test_a_profile_without_contact_details_assumes_no_gender():
    message = ("This member shares no contact details with you. Write to them in a peer "
               "group you share.")
    with translation.override("de"):
        german = translation.gettext(message)
    assert german != message
    assert not re.search(r"\b(ihm|ihn|ihr|er|sie)\b", german.replace("Sie", "")), german
