"""Municipalities: every town, district and inter-municipal association the platform
talks about. Model projects (repository) and members (community) point at them.

Names of German municipalities and federal states are proper names, so a municipality
is not translatable; its kind and size class are labelled in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class FederalState(models.TextChoices):
    """The 16 Länder, by their official two-digit key: the first two digits of every
    AGS in that state. The labels are proper names and stay German in every language."""

    SCHLESWIG_HOLSTEIN = "01", "Schleswig-Holstein"
    HAMBURG = "02", "Hamburg"
    NIEDERSACHSEN = "03", "Niedersachsen"
    BREMEN = "04", "Bremen"
    NORDRHEIN_WESTFALEN = "05", "Nordrhein-Westfalen"
    HESSEN = "06", "Hessen"
    RHEINLAND_PFALZ = "07", "Rheinland-Pfalz"
    BADEN_WUERTTEMBERG = "08", "Baden-Württemberg"
    BAYERN = "09", "Bayern"
    SAARLAND = "10", "Saarland"
    BERLIN = "11", "Berlin"
    BRANDENBURG = "12", "Brandenburg"
    MECKLENBURG_VORPOMMERN = "13", "Mecklenburg-Vorpommern"
    SACHSEN = "14", "Sachsen"
    SACHSEN_ANHALT = "15", "Sachsen-Anhalt"
    THUERINGEN = "16", "Thüringen"


class MunicipalityKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde/Stadt)")
    DISTRICT = "district", _("District (Landkreis)")
    ASSOCIATION = "association", _("Inter-municipal association")


class SizeClass(models.TextChoices):
    """BBSR's types of towns and municipalities (Stadt- und Gemeindetypen), plus the two
    kinds of body that are not a single municipality."""

    LANDGEMEINDE = "landgemeinde", _("Rural municipality (Landgemeinde)")
    KLEINSTADT = "kleinstadt", _("Small town (Kleinstadt)")
    MITTELSTADT = "mittelstadt", _("Medium-sized town (Mittelstadt)")
    GROSSSTADT = "grossstadt", _("Large city (Großstadt)")
    LANDKREIS = "landkreis", _("District (Landkreis)")
    INTERKOMMUNAL = "interkommunal", _("Inter-municipal")


# BBSR's population thresholds: a Kleinstadt from 5,000 inhabitants, a Mittelstadt
# from 20,000, a Großstadt from 100,000.
SIZE_CLASS_THRESHOLDS: list[tuple[int, str]] = [
    (100_000, SizeClass.GROSSSTADT),
    (20_000, SizeClass.MITTELSTADT),
    (5_000, SizeClass.KLEINSTADT),
    (0, SizeClass.LANDGEMEINDE),
]

# The size classes a municipality of each kind may have.
SIZE_CLASSES_BY_KIND: dict[str, tuple[str, ...]] = {
    MunicipalityKind.MUNICIPALITY: (
        SizeClass.LANDGEMEINDE, SizeClass.KLEINSTADT, SizeClass.MITTELSTADT,
        SizeClass.GROSSSTADT,
    ),
    MunicipalityKind.DISTRICT: (SizeClass.LANDKREIS,),
    MunicipalityKind.ASSOCIATION: (SizeClass.INTERKOMMUNAL,),
}


def size_class_for_population(population: int | None, kind: str) -> str:
    """The BBSR size class that a municipality of this kind and population falls into,
    or "" when it cannot be told (a municipality whose population is unknown).

    BBSR also counts a smaller municipality with a central-place function as a
    Kleinstadt; the population alone cannot see that, so this is a default that an
    editor may correct.
    """
    if kind == MunicipalityKind.DISTRICT:
        return SizeClass.LANDKREIS
    if kind == MunicipalityKind.ASSOCIATION:
        return SizeClass.INTERKOMMUNAL
    if population is None:
        return ""
    for threshold, size_class in SIZE_CLASS_THRESHOLDS:
        if population >= threshold:
            return size_class
    return SizeClass.LANDGEMEINDE


# Germany's bounding box, generously rounded (List auf Sylt to Oberstdorf, Isenbruch to
# Görlitz).
LATITUDE_RANGE = (Decimal("47.2"), Decimal("55.1"))
LONGITUDE_RANGE = (Decimal("5.8"), Decimal("15.1"))


def validate_latitude_in_germany(value: Decimal) -> None:
    _check_in_germany(value, LATITUDE_RANGE, _(
        "The latitude must lie within Germany, between %(low)s and %(high)s degrees north."))


def validate_longitude_in_germany(value: Decimal) -> None:
    _check_in_germany(value, LONGITUDE_RANGE, _(
        "The longitude must lie within Germany, between %(low)s and %(high)s degrees east."))


def _check_in_germany(value: Decimal, bounds: tuple[Decimal, Decimal], message: str) -> None:
    if not value.is_finite():
        return  # the field itself refuses it
    if not bounds[0] <= value <= bounds[1]:
        raise ValidationError(message, code="outside_germany",
                              params={"low": bounds[0], "high": bounds[1]})


validate_ags = RegexValidator(
    r"^[0-9]{8}\Z",
    message=_("The official municipality key (AGS) must consist of exactly 8 digits."),
    code="invalid_ags",
)


class WebAddressField(models.URLField):
    """A URL that a browser opens: http or https only (Django's URLField also allows
    ftp), with one message for every kind of mistake."""

    default_validators = [
        URLValidator(
            schemes=["http", "https"],
            message=_("Enter a web address that starts with http:// or https://."),
        ),
    ]


# How names and what people type are made comparable: lower case, ß as ss, umlauts
# without their dots, brackets, hyphens and slashes as spaces ("Frankfurt (Oder)" is
# " frankfurt oder", "Haßfurt" is " hassfurt").
NAME_FOLDS = (("ß", "ss"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("(", " "), (")", " "),
              ("-", " "), ("/", " "), (".", " "), (",", " "))


def fold_name(text: str) -> str:
    """``text`` folded, its words separated by one space and preceded by one, so that
    " word" finds the beginning of any word."""
    folded = text.lower()
    for old, new in NAME_FOLDS:
        folded = folded.replace(old, new)
    return " " + " ".join(folded.split())


class Municipality(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        unique=True,
        validators=[validate_ags],
        help_text=_(
            "The Amtlicher Gemeindeschlüssel: 8 digits, the first two being the federal "
            "state's code. A district (Landkreis) uses its 5-digit Kreisschlüssel "
            "followed by 000."
        ),
    )
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices,
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MunicipalityKind.choices,
        default=MunicipalityKind.MUNICIPALITY,
    )
    size_class = models.CharField(
        _("size class"), max_length=20, choices=SizeClass.choices, blank=True,
        help_text=_(
            "Following BBSR's types of towns and municipalities. Leave it empty to "
            "derive it from the population."
        ),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[validate_latitude_in_germany],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[validate_longitude_in_germany],
    )
    website = WebAddressField(_("website"), blank=True)
    # The name as the picker searches it (see fold_name), kept up to date by save().
    search_name = models.CharField(max_length=300, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("ags"),
        FieldPanel("federal_state"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("size_class")]),
        FieldPanel("population"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("ags"),
        index.AutocompleteField("ags"),
        index.FilterField("name"),
        index.FilterField("federal_state"),
        index.FilterField("size_class"),
        index.FilterField("kind"),
        index.FilterField("population"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["federal_state"], name="municipality_state_idx"),
            models.Index(fields=["size_class"], name="municipality_size_class_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def federal_state_name(self) -> str:
        return self.get_federal_state_display()

    def clean_fields(self, exclude=None) -> None:
        """Say once what is wrong with a key of the wrong length: the 8-digit rule, not
        also Django's "at most 8 characters"."""
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            ags_errors = error.error_dict.get("ags", [])
            if any(e.code == "invalid_ags" for e in ags_errors):
                error.error_dict["ags"] = [e for e in ags_errors if e.code != "max_length"]
            raise

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}

        # A field that failed its own validation keeps the raw input: leave it out.
        population = self.population if isinstance(self.population, int) else None
        if not self.size_class:
            self.size_class = size_class_for_population(population, self.kind)
        if not self.size_class:
            errors.setdefault("size_class", []).append(ValidationError(
                _("Choose a size class, or enter the population to derive it from."),
                code="size_class_unknown",
            ))
        elif (
            self.kind in SIZE_CLASSES_BY_KIND
            and self.size_class in SizeClass.values
            and self.size_class not in SIZE_CLASSES_BY_KIND[self.kind]
        ):
            errors.setdefault("size_class", []).append(ValidationError(
                _("The size class does not fit the kind: %(kind)s takes %(size_classes)s."),
                code="size_class_kind",
                params={
                    "kind": MunicipalityKind(self.kind).label,
                    "size_classes": ", ".join(
                        str(SizeClass(value).label) for value in SIZE_CLASSES_BY_KIND[self.kind]
                    ),
                },
            ))

        ags_is_valid = bool(self.ags) and self.ags.isascii() and self.ags.isdigit() and (
            len(self.ags) == 8
        )
        if ags_is_valid and self.federal_state in FederalState.values and (
            self.ags[:2] != self.federal_state
        ):
            errors.setdefault("ags", []).append(ValidationError(
                _("The official municipality key (AGS) must begin with the code of the "
                  "federal state: %(code)s for %(state)s."),
                code="ags_state_mismatch",
                params={
                    "code": self.federal_state,
                    "state": FederalState(self.federal_state).label,
                },
            ))
        if ags_is_valid and self.kind == MunicipalityKind.DISTRICT and not (
            self.ags.endswith("000")
        ):
            errors.setdefault("ags", []).append(ValidationError(
                _("A district (Landkreis) uses its 5-digit Kreisschlüssel followed by 000 "
                  "as its official municipality key (AGS)."),
                code="district_ags",
            ))

        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            errors.setdefault(missing, []).append(ValidationError(
                _("Enter both latitude and longitude, or neither."),
                code="incomplete_location",
            ))

        if errors:
            raise ValidationError(errors)
