"""Demo content of the community plugin: real municipalities, most of them Model
Projects Smart Cities, with their official keys (AGS).

Idempotent: a municipality is looked up by its AGS and left alone when it exists, so a
second run changes nothing and an editor's changes survive. Populations are rounded.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from community.models import FederalState, Municipality, MunicipalityKind, SizeClass

Log = Callable[[str], None]

_MUNICIPALITY = MunicipalityKind.MUNICIPALITY
_DISTRICT = MunicipalityKind.DISTRICT


def _spec(name: str, ags: str, state: FederalState, size_class: SizeClass, population: int,
          latitude: str, longitude: str, website: str, kind: str = _MUNICIPALITY
          ) -> dict[str, Any]:
    return {
        "name": name, "ags": ags, "federal_state": state, "kind": kind,
        "size_class": size_class, "population": population,
        "latitude": Decimal(latitude), "longitude": Decimal(longitude), "website": website,
    }


MUNICIPALITIES = [
    _spec("Hamburg", "02000000", FederalState.HAMBURG, SizeClass.GROSSSTADT, 1_850_000,
          "53.550341", "10.000654", "https://www.hamburg.de"),
    _spec("Leipzig", "14713000", FederalState.SACHSEN, SizeClass.GROSSSTADT, 610_000,
          "51.340632", "12.374733", "https://www.leipzig.de"),
    _spec("Kiel", "01002000", FederalState.SCHLESWIG_HOLSTEIN, SizeClass.GROSSSTADT, 247_000,
          "54.323293", "10.122765", "https://www.kiel.de"),
    _spec("Solingen", "05122000", FederalState.NORDRHEIN_WESTFALEN, SizeClass.GROSSSTADT,
          160_000, "51.171374", "7.083160", "https://www.solingen.de"),
    _spec("Ulm", "08421000", FederalState.BADEN_WUERTTEMBERG, SizeClass.GROSSSTADT, 127_000,
          "48.401082", "9.987608", "https://www.ulm.de"),
    _spec("Wolfsburg", "03103000", FederalState.NIEDERSACHSEN, SizeClass.GROSSSTADT, 125_000,
          "52.422650", "10.786546", "https://www.wolfsburg.de"),
    _spec("Jena", "16053000", FederalState.THUERINGEN, SizeClass.GROSSSTADT, 110_000,
          "50.927054", "11.589237", "https://www.jena.de"),
    _spec("Kaiserslautern", "07312000", FederalState.RHEINLAND_PFALZ, SizeClass.GROSSSTADT,
          101_000, "49.444710", "7.768955", "https://www.kaiserslautern.de"),
    _spec("Gera", "16052000", FederalState.THUERINGEN, SizeClass.MITTELSTADT, 93_000,
          "50.880290", "12.082932", "https://www.gera.de"),
    _spec("Bamberg", "09461000", FederalState.BAYERN, SizeClass.MITTELSTADT, 79_000,
          "49.898814", "10.902764", "https://www.stadt.bamberg.de"),
    _spec("Arnsberg", "05958004", FederalState.NORDRHEIN_WESTFALEN, SizeClass.MITTELSTADT,
          73_000, "51.396767", "8.064363", "https://www.arnsberg.de"),
    _spec("Haßfurt", "09674147", FederalState.BAYERN, SizeClass.KLEINSTADT, 14_000,
          "50.035278", "10.512222", "https://www.hassfurt.de"),
    _spec("Süderbrarup", "01059083", FederalState.SCHLESWIG_HOLSTEIN, SizeClass.LANDGEMEINDE,
          4_100, "54.635000", "9.775000", "https://www.amt-suederbrarup.de"),
    _spec("Kreis Höxter", "05762000", FederalState.NORDRHEIN_WESTFALEN, SizeClass.LANDKREIS,
          140_000, "51.774722", "9.382222", "https://www.kreis-hoexter.de", kind=_DISTRICT),
    _spec("Landkreis Wunsiedel i. Fichtelgebirge", "09479000", FederalState.BAYERN,
          SizeClass.LANDKREIS, 71_000, "50.039444", "12.002778",
          "https://www.landkreis-wunsiedel.de", kind=_DISTRICT),
]


def load_demo_content(log: Log = print) -> None:
    existing = set(
        Municipality.objects.filter(ags__in=[spec["ags"] for spec in MUNICIPALITIES])
        .values_list("ags", flat=True)
    )
    for spec in MUNICIPALITIES:
        if spec["ags"] in existing:
            continue
        municipality = Municipality(**spec)
        municipality.full_clean()
        municipality.save()
        log(f"created municipality “{municipality.name}” ({municipality.ags})")
