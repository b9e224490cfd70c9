"""A municipality is only saved with a key, a state and a place that make sense."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from community.models import Municipality, MunicipalityKind, SizeClass, size_class_for_population
from tests.community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def errors_of(municipality: Municipality) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            municipality.full_clean()
        return caught.value.message_dict


def ulm(**fields) -> Municipality:
    return MunicipalityFactory.build(**{
        "name": "Ulm", "ags": "08421000", "federal_state": "08", "size_class": "grossstadt",
        "population": 127_000, "latitude": Decimal("48.401082"),
        "longitude": Decimal("9.987608"), "website": "https://www.ulm.de", **fields,
    })


def test_a_real_municipality_is_valid():
    ulm().full_clean()


@pytest.mark.parametrize("ags", ["0842100", "084210000", "08421ABC", "08 42100", "٠٨٤٢١٠٠٠"])
def test_ags_must_be_exactly_eight_digits(ags):
    assert errors_of(ulm(ags=ags))["ags"] == [
        "The official municipality key (AGS) must consist of exactly 8 digits."
    ]


def test_ags_must_begin_with_the_federal_states_code():
    assert errors_of(ulm(ags="09421000"))["ags"] == [
        "The official municipality key (AGS) must begin with the code of the federal state: "
        "08 for Baden-Württemberg."
    ]


def test_a_district_key_is_the_kreisschluessel_padded_with_zeros():
    district = ulm(name="Alb-Donau-Kreis", ags="08425001", kind=MunicipalityKind.DISTRICT,
                   size_class=SizeClass.LANDKREIS)
    assert errors_of(district)["ags"] == [
        "A district (Landkreis) uses its 5-digit Kreisschlüssel followed by 000 as its "
        "official municipality key (AGS)."
    ]
    district.ags = "08425000"
    district.full_clean()


def test_ags_is_unique():
    MunicipalityFactory(ags="08421000", name="Ulm")
    assert "ags" in errors_of(ulm())


@pytest.mark.parametrize(("field", "value", "message"), [
    ("latitude", Decimal("46.9"),
     "The latitude must lie within Germany, between 47.2 and 55.1 degrees north."),
    ("latitude", Decimal("55.2"),
     "The latitude must lie within Germany, between 47.2 and 55.1 degrees north."),
    ("longitude", Decimal("2.35"),
     "The longitude must lie within Germany, between 5.8 and 15.1 degrees east."),
    ("longitude", Decimal("15.2"),
     "The longitude must lie within Germany, between 5.8 and 15.1 degrees east."),
])
def test_coordinates_must_lie_within_germany(field, value, message):
    assert errors_of(ulm(**{field: value}))[field] == [message]


def test_coordinates_come_in_pairs():
    assert errors_of(ulm(longitude=None))["longitude"] == [
        "Enter both latitude and longitude, or neither."
    ]
    ulm(latitude=None, longitude=None).full_clean()


@pytest.mark.parametrize("website", ["ftp://ftp.ulm.de", "javascript:alert(1)", "www.ulm.de"])
def test_website_must_be_a_web_address(website):
    assert errors_of(ulm(website=website))["website"] == [
        "Enter a web address that starts with http:// or https://."
    ]


def test_size_class_is_derived_from_the_population_when_left_empty():
    town = ulm(size_class="", population=19_999)
    town.full_clean()
    assert town.size_class == SizeClass.KLEINSTADT


def test_size_class_needs_a_population_to_be_derived():
    assert errors_of(ulm(size_class="", population=None))["size_class"] == [
        "Choose a size class, or enter the population to derive it from."
    ]


def test_size_class_must_fit_the_kind():
    assert errors_of(ulm(size_class=SizeClass.LANDKREIS))["size_class"] == [
        "The size class does not fit the kind: Municipality (Gemeinde/Stadt) takes "
        "Rural municipality (Landgemeinde), Small town (Kleinstadt), "
        "Medium-sized town (Mittelstadt), Large city (Großstadt)."
    ]


@pytest.mark.parametrize(("population", "kind", "size_class"), [
    (4_999, "municipality", "landgemeinde"),
    (5_000, "municipality", "kleinstadt"),
    (19_999, "municipality", "kleinstadt"),
    (20_000, "municipality", "mittelstadt"),
    (99_999, "municipality", "mittelstadt"),
    (100_000, "municipality", "grossstadt"),
    (0, "municipality", "landgemeinde"),
    (None, "municipality", ""),
    (140_000, "district", "landkreis"),
    (None, "district", "landkreis"),
    (30_000, "association", "interkommunal"),
])
def test_size_class_follows_bbsr_thresholds(population, kind, size_class):
    assert size_class_for_population(population, kind) == size_class


def test_municipalities_are_listed_by_name_and_show_their_state():
    MunicipalityFactory(name="Ulm", ags="08421000")
    MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09")
    assert [str(m) for m in Municipality.objects.all()] == ["Bamberg", "Ulm"]
    assert Municipality.objects.get(ags="09461000").federal_state_name == "Bayern"
