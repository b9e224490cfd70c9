"""The certificate as a PDF, in the language it was issued in (the learner's), and the
public address that verifies it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from academy.models import Certificate
from repository.pdf_writer import TextPage, write_pdf

ISSUER = "Koordinierungs- und Transferstelle Modellprojekte Smart Cities"


def verification_url(certificate: Certificate, request: HttpRequest | None = None) -> str:
    """The public page that confirms the certificate, in the certificate's language."""
    with translation.override(certificate.language):
        path = reverse("academy:verify", args=[certificate.code])
    return request.build_absolute_uri(path) if request is not None else path


def certificate_pdf(certificate: Certificate, request: HttpRequest) -> bytes:
    url = verification_url(certificate, request)
    with translation.override(certificate.language):
        date = formats.date_format(certificate.issued_on, "DATE_FORMAT")
        heading = _("Certificate: Smart City Akademie")
        page = TextPage(heading, [
            _("This certifies that"),
            certificate.holder_name,
            _("has completed the course"),
            certificate.course_title,
            _("with %(hours)s learning hours, attendance confirmed by the office, on "
              "%(date)s.") % {"hours": certificate.hours, "date": date},
            _("Verification code: %(code)s") % {"code": certificate.code},
            _("Anyone can check this certificate at %(url)s") % {"url": url},
            ISSUER,
        ])
        return write_pdf(None, [page], title=f"{heading}: {certificate.course_title}",
                         author=ISSUER, language=certificate.language)
