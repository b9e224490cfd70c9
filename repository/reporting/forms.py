"""The report form on the site: one Django form with a group of fields per solution, so
that the error summary links every mistake to its field. A draft may be incomplete;
submitting asks for every solution's maturity and operation and the project's progress."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from repository.models import Indicator, Operation, Report, SolutionAnswer, SolutionPage
from repository.models.solutions import Maturity
from repository.reporting.models import maturity_step
from repository.reporting.service import SolutionInput

LARGEST_AMOUNT = Decimal("999999999999.99")


def readable(number: Decimal) -> str:
    """A number as the reader writes it: 5.000 in German, 5,000 in English, decimals
    only where there are any."""
    whole = number == number.to_integral_value()
    return formats.number_format(number.quantize(Decimal(1)) if whole else number,
                                 use_l10n=True, force_grouping=True)


def _maturity_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a step")), *((value, maturity_step(value)) for value in Maturity.values)]


class SolutionFields:
    """The fields of one solution, for the template."""

    def __init__(self, form: ReportForm, solution: SolutionPage,
                 indicators: Sequence[Indicator]) -> None:
        self.solution, self.form = solution, form
        self.prefix = f"s{solution.pk}"
        self.indicators = indicators

    def __iter__(self) -> Iterator[forms.BoundField]:
        for name in ("maturity", "operation", "operation_note", "costs_so_far", "lessons",
                     "adoptions_known"):
            yield self.form[f"{self.prefix}_{name}"]

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self.form[f"{self.prefix}_indicator_{one.pk}"] for one in self.indicators]


class ReportForm(forms.Form):
    progress = forms.CharField(label=_("Progress of the project since the last report"),
                               widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                               required=False)

    def __init__(self, report: Report, solutions: Sequence[tuple[SolutionPage, list[Indicator]]],
                 data: Any = None, *, shown: dict[int, Indicator] | None = None) -> None:
        super().__init__(data, initial={"progress": report.progress})
        self.report = report
        # The indicators in the reader's language, by the German indicator's id.
        self.shown = shown or {}
        answers = {answer.solution_id: answer for answer in report.solution_answers.all()
                   .prefetch_related("indicator_values")}
        for index, question in enumerate(report.round.question_list()):
            given = report.answers[index] if index < len(report.answers) else ""
            self.fields[f"question_{index}"] = forms.CharField(
                label=question, required=False, max_length=3000, initial=given,
                widget=forms.Textarea(attrs={"rows": 4}))
        self.solution_groups = []
        for solution, indicators in solutions:
            self._add_solution(solution, indicators, answers.get(solution.pk))
            self.solution_groups.append(SolutionFields(self, solution, indicators))

    def _add_solution(self, solution: SolutionPage, indicators: Sequence[Indicator],
                      answer: SolutionAnswer | None) -> None:
        prefix = f"s{solution.pk}"
        given = answer or SolutionAnswer(maturity=solution.maturity)
        self.fields[f"{prefix}_maturity"] = forms.ChoiceField(
            label=_("Maturity step now"), choices=_maturity_choices(), required=False,
            initial=given.maturity,
            help_text=_("P1 idea, P2 prototype, P3 pilot, P4 regular operation, "
                        "P5 transferred to another municipality."))
        self.fields[f"{prefix}_operation"] = forms.ChoiceField(
            label=_("Still in operation?"), choices=Operation.choices, required=False,
            widget=forms.RadioSelect, initial=given.operation)
        self.fields[f"{prefix}_operation_note"] = forms.CharField(
            label=_("What changed, or why it ended"), required=False, max_length=2000,
            initial=given.operation_note, widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Needed when the solution changed or ended."))
        self.fields[f"{prefix}_costs_so_far"] = forms.DecimalField(
            label=_("Costs so far (€)"), required=False, min_value=0,
            max_value=LARGEST_AMOUNT, decimal_places=2, initial=given.costs_so_far,
            localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
        self.fields[f"{prefix}_lessons"] = forms.CharField(
            label=_("Lessons since the last report"), required=False, max_length=3000,
            initial=given.lessons, widget=forms.Textarea(attrs={"rows": 4}))
        self.fields[f"{prefix}_adoptions_known"] = forms.CharField(
            label=_("Adoptions you know of"), required=False, max_length=2000,
            initial=given.adoptions_known, widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Municipalities that took the solution over or are introducing it."))
        values = ({value.indicator_id: value.value for value in answer.indicator_values.all()}
                  if answer else {})
        for indicator in indicators:
            shown = self.shown.get(indicator.pk, indicator)
            target = (_("target: %(target)s") % {"target": readable(indicator.target)}
                      if indicator.target is not None else "")
            self.fields[f"{prefix}_indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{shown.name} ({shown.unit})", required=False,
                max_value=LARGEST_AMOUNT, min_value=-LARGEST_AMOUNT, decimal_places=2,
                localize=True, initial=values.get(indicator.pk),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                help_text=" – ".join(part for part in (shown.description, target) if part))

    def check_complete(self) -> bool:
        """For submitting: every solution's step and operation, and why it changed or
        ended; the project's progress. Adds the errors; whether all is there."""
        if not self.is_valid():
            return False
        data = self.cleaned_data
        if not data["progress"].strip():
            self.add_error("progress", _("Describe the project's progress before you submit."))
        for group in self.solution_groups:
            prefix, title = group.prefix, {"title": group.solution.title}
            if not data[f"{prefix}_maturity"]:
                self.add_error(f"{prefix}_maturity",
                               _("Choose the maturity step of “%(title)s”.") % title)
            operation = data[f"{prefix}_operation"]
            if not operation:
                self.add_error(f"{prefix}_operation",
                               _("Say whether “%(title)s” is still in operation.") % title)
            elif operation != Operation.RUNNING and not data[f"{prefix}_operation_note"].strip():
                self.add_error(f"{prefix}_operation_note", _(
                    "Say what changed about “%(title)s”, or why it ended.") % title)
        return not self.errors

    def question_answers(self) -> list[str]:
        return [self.cleaned_data[f"question_{index}"]
                for index in range(len(self.report.round.question_list()))]

    def solution_inputs(self) -> list[SolutionInput]:
        data = self.cleaned_data
        return [SolutionInput(
            solution=group.solution,
            answers={name: data[f"{group.prefix}_{name}"] for name in (
                "maturity", "operation", "operation_note", "costs_so_far", "lessons",
                "adoptions_known")},
            indicator_values={one.pk: data[f"{group.prefix}_indicator_{one.pk}"]
                              for one in group.indicators})
            for group in self.solution_groups]
