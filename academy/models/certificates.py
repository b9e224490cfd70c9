"""Certificates of the Akademie: issued once per learner and course, verifiable by a
code that cannot be guessed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# 32 letters and digits without the ones people mix up (0/O, 1/I/L): 16 of them carry
# 80 bits, far beyond what the verification's rate limit lets anyone try.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 16


def new_code() -> str:
    """A verification code such as ``7KQM-3XWP-R9TD-HV2C``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


class Certificate(models.Model):
    """What the certificate states is stored when it is issued (name, course title,
    hours), so it stays as issued when the course or the account changes later."""

    code = models.CharField(_("verification code"), max_length=19, unique=True,
                            default=new_code, editable=False)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                                null=True, on_delete=models.SET_NULL,
                                related_name="academy_certificates")
    course = models.ForeignKey("academy.CoursePage", verbose_name=_("course"), null=True,
                               on_delete=models.SET_NULL, related_name="certificates")
    holder_name = models.CharField(_("holder's name"), max_length=200)
    course_title = models.CharField(_("course title"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    issued_on = models.DateField(_("issued on"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["learner", "course"],
                                               name="academy_one_certificate_per_course")]
        permissions = [("view_cohorts", _("Can see the academy's cohorts and exports"))]

    def __str__(self) -> str:
        return f"{self.holder_name}: {self.course_title} ({self.code})"
