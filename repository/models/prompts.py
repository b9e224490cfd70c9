"""Which prompts to confirm a solution went out (repository.freshness_prompts), so that a
team hears once per lapse: a prompt is for the solution's confirmation it follows (none
when it was never confirmed); a new confirmation that lapses again earns a new prompt."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConfirmationPrompt(models.Model):
    solution_key = models.UUIDField(_("solution (translation key)"), db_index=True)
    confirmed_on = models.DateField(_("confirmation it follows"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confirmation prompt")
        verbose_name_plural = _("confirmation prompts")
        constraints = [
            models.UniqueConstraint(fields=["solution_key", "confirmed_on"],
                                    name="one_prompt_per_confirmation"),
            # NULLs are distinct in a unique index: one for a never-confirmed solution.
            models.UniqueConstraint(fields=["solution_key"],
                                    condition=Q(confirmed_on__isnull=True),
                                    name="one_prompt_before_any_confirmation"),
        ]

    def __str__(self) -> str:
        return f"{self.solution_key} ({self.confirmed_on or '–'})"
