"""`manage.py import_municipalities`: all rows or none, every problem named by its line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from community.models import Municipality
from tests.community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

HEADER = "name,ags,federal_state,kind,size_class,population,latitude,longitude,website"
ULM = "Ulm,08421000,08,municipality,grossstadt,127000,48.401082,9.987608,https://www.ulm.de"
BAMBERG = "Bamberg,09461000,Bayern,municipality,,79000,49.898814,10.902764,https://www.stadt.bamberg.de"
HOEXTER = "Kreis Höxter,05762000,05,district,,140000,51.774722,9.382222,https://www.kreis-hoexter.de"


def write(tmp_path: Path, *lines: str, encoding: str = "utf-8", name: str = "orte.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def run_import(path: Path, *args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_municipalities", str(path), *args, stdout=out)
    return out.getvalue()


def failed_import(path: Path) -> list[str]:
    """What the command writes to stderr, then its closing message."""
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import_municipalities", str(path), stdout=StringIO(), stderr=err)
    return [*err.getvalue().splitlines(), str(caught.value)]


def test_good_file_creates_municipalities(tmp_path):
    output = run_import(write(tmp_path, HEADER, ULM, BAMBERG, HOEXTER))
    assert "orte.csv: 3 created, 0 updated, 0 unchanged." in output
    bamberg = Municipality.objects.get(ags="09461000")
    assert bamberg.federal_state == "09"  # given by name
    assert bamberg.size_class == "mittelstadt"  # derived from the population
    assert Municipality.objects.get(ags="05762000").size_class == "landkreis"


def test_semicolon_file_from_german_excel(tmp_path):
    path = write(
        tmp_path,
        "name;ags;federal_state;kind;size_class;population;latitude;longitude;website",
        "Haßfurt;9674147;9;Gemeinde/Stadt;Kleinstadt;13.900;50,035278;10,512222;https://www.hassfurt.de",
        ";;;;;;;;",
    )
    assert "1 created" in run_import(path)
    hassfurt = Municipality.objects.get()
    assert hassfurt.name == "Haßfurt"
    assert hassfurt.ags == "09674147"  # the leading zero Excel dropped is back
    assert hassfurt.federal_state == "09"
    assert hassfurt.kind == "municipality"
    assert hassfurt.size_class == "kleinstadt"
    assert hassfurt.population == 13_900
    assert str(hassfurt.latitude) == "50.035278"


def test_file_with_byte_order_mark(tmp_path):
    path = write(tmp_path, HEADER, ULM, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    run_import(path)
    assert Municipality.objects.get().name == "Ulm"


def test_bad_rows_are_all_reported_by_line_and_nothing_is_imported(tmp_path):
    path = write(
        tmp_path,
        HEADER,
        ULM,
        "Bamberg,0946100X,09,municipality,,79000,49.9,10.9,https://www.stadt.bamberg.de",
        HOEXTER,
        "Gera,16052000,16,municipality,mittelstadt,93000,50.88,2.08,ftp://gera.de",
    )
    assert failed_import(path) == [
        "line 3: ags: The official municipality key (AGS) must consist of exactly 8 digits.",
        "line 5: longitude: The longitude must lie within Germany, between 5.8 and 15.1 "
        "degrees east.",
        "line 5: website: Enter a web address that starts with http:// or https://.",
        "orte.csv: 2 rows have errors; nothing was imported.",
    ]
    assert not Municipality.objects.exists()


def test_wrong_state_and_unknown_kind_name_their_column(tmp_path):
    path = write(tmp_path, HEADER,
                 "Ulm,08421000,09,municipality,grossstadt,127000,,,",
                 "Jena,16053000,Thuringia,city,,110000,,,")
    assert failed_import(path) == [
        "line 2: ags: The official municipality key (AGS) must begin with the code of the "
        "federal state: 09 for Bayern.",
        "line 3: federal_state: “Thuringia” is not one of: 01, 02, 03, 04, 05, 06, 07, 08, 09, "
        "10, 11, 12, 13, 14, 15, 16.",
        "line 3: kind: “city” is not one of: municipality, district, association.",
        "orte.csv: 2 rows have errors; nothing was imported.",
    ]


def test_a_key_twice_in_the_file_is_refused(tmp_path):
    path = write(tmp_path, HEADER, ULM, BAMBERG, ULM.replace("Ulm,", "Ulm an der Donau,"))
    assert failed_import(path) == [
        "line 4: ags: 08421000 appears twice in the file, also on line 2.",
        "orte.csv: 1 row has errors; nothing was imported.",
    ]
    assert not Municipality.objects.exists()


def test_reimport_updates_existing_municipalities(tmp_path):
    MunicipalityFactory(ags="08421000", name="Ulm (alt)", population=120_000)
    MunicipalityFactory(ags="09461000", name="Bamberg", federal_state="09",
                        size_class="mittelstadt", population=79_000,
                        latitude="49.898814", longitude="10.902764",
                        website="https://www.stadt.bamberg.de")
    output = run_import(write(tmp_path, HEADER, ULM, BAMBERG, HOEXTER))
    assert "orte.csv: 1 created, 1 updated, 1 unchanged." in output
    ulm = Municipality.objects.get(ags="08421000")
    assert (ulm.name, ulm.population) == ("Ulm", 127_000)
    assert Municipality.objects.count() == 3


def test_a_column_left_out_keeps_what_is_there(tmp_path):
    MunicipalityFactory(ags="08421000", name="Ulm", website="https://www.ulm.de")
    run_import(write(tmp_path, "name,ags,federal_state,kind,population",
                     "Ulm,08421000,08,municipality,127000"))
    assert Municipality.objects.get().website == "https://www.ulm.de"


def test_dry_run_checks_but_writes_nothing(tmp_path):
    output = run_import(write(tmp_path, HEADER, ULM), "--dry-run")
    assert "Dry run, nothing was written. orte.csv: 1 created" in output
    assert not Municipality.objects.exists()


@pytest.mark.parametrize(("lines", "encoding", "message"), [
    ((HEADER, ULM), "cp1252", "orte.csv is not UTF-8 text. Save it as “CSV UTF-8”."),
    (("name,ags,bundesland", ULM), "utf-8",
     "line 1: missing columns: federal_state, kind; line 1: unknown columns: bundesland "
     "(known: name, ags, federal_state, kind, size_class, population, latitude, longitude, "
     "website)"),
    (("",), "utf-8", "orte.csv is empty: the first line must name the columns."),
])
def test_unreadable_files_are_refused_with_a_reason(tmp_path, lines, encoding, message):
    path = write(tmp_path, *lines, encoding=encoding)
    if encoding == "cp1252":
        path.write_bytes(path.read_bytes().replace(b"Ulm", "Ülm".encode("cp1252")))
    assert failed_import(path) == [message]


def test_a_row_with_too_many_cells_is_reported(tmp_path):
    path = write(tmp_path, HEADER, f"{ULM},extra")
    assert failed_import(path)[0] == (
        "line 2: the row has 10 cells, but the header names 9 columns."
    )
