"""The project map (repository/map.py): the 16 states from the committed outlines, markers
by funding phase with a legend, each a named link, the filtered set highlighted and the
rest dimmed; a locator map on project and solution pages."""

import re

import pytest

from community.demo import municipality_specs
from community.models import FederalState
from repository.map import (
    HEIGHT,
    MARKER_SIZE,
    STATES_FILE,
    WIDTH,
    ProjectEntry,
    locator_map,
    marker_path,
    project,
    project_map,
    state_shapes,
)
from tests.home.factories import publish
from tests.repository.factories import SolutionPageFactory


def _svg(html: str) -> str:
    return html.split('<svg class="project-map__svg"')[1].split("</svg>")[0]


def test_the_outlines_are_the_16_states_small_enough_to_inline():
    shapes = state_shapes()
    assert [shape.key for shape in shapes] == sorted(FederalState.values)
    assert {shape.name for shape in shapes} == set(FederalState.labels)
    # Simplified for the web: tens of kilobytes, not the source's megabytes.
    assert STATES_FILE.stat().st_size < 40_000
    for shape in shapes:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.path)]
        assert all(-1 <= n <= WIDTH + 1 for n in numbers[::2]), shape.name
        assert all(-1 <= n <= HEIGHT + 1 for n in numbers[1::2]), shape.name


def test_projection_keeps_places_in_their_region():
    flensburg, munich = project(9.44, 54.78), project(11.58, 48.14)
    assert 0 < flensburg[0] < WIDTH and 0 < flensburg[1] < HEIGHT / 10
    assert munich[1] > HEIGHT * 0.8 and munich[0] > flensburg[0]


def test_each_phase_has_its_own_shape():
    shapes = {marker_path(phase, 50, 50) for phase in (1, 2, 3, None)}
    assert len(shapes) == 4


def test_states_count_all_their_projects_and_the_selected_ones():
    entries = [
        ProjectEntry("A", "Bamberg", "/a/", "09", 1, 49.9, 10.9, selected=True),
        ProjectEntry("B", "München", "/b/", "09", 2, 48.1, 11.6, selected=False),
        ProjectEntry("C", "Ulm", "/c/", "08", 3, None, None, selected=True),
    ]
    result = project_map(entries, [(1, "Phase 1"), (2, "Phase 2"), (3, "Phase 3")])
    areas = {area.shape.key: area for area in result.states}
    assert (areas["09"].total, areas["09"].selected) == (2, 1)
    assert (areas["08"].total, areas["08"].selected) == (1, 1)
    assert [point.title for point in result.selected_points] == ["A"]
    assert [point.title for point in result.dimmed_points] == ["B"]
    assert result.filtered and len(result.phases) == 3


@pytest.mark.django_db
def test_project_map_draws_states_legend_and_named_links(client, catalogue):
    html = client.get("/de/projekte/").content.decode()
    svg = _svg(html)
    assert svg.count('<path class="project-map__state') == 16
    # Each state is a link by Tab, named by its count, that narrows the database to it.
    areas = re.findall(r'<a class="project-map__area" href="([^"]+)"><title>([^<]+)</title>', svg)
    assert len(areas) == 16
    assert ("?federal_state=09", "Bayern: 1 Modellprojekt (nur diese zeigen)") in areas
    assert ("?federal_state=11", "Berlin: 0 Modellprojekte (nur diese zeigen)") in areas
    # The count stands under the state's abbreviation for those who see the map.
    assert re.search(r'>BY<tspan class="project-map__count" x="[\d.]+" dy="1.1em">1</tspan>', svg)
    links = re.findall(r'<a class="project-map__link" href="([^"]+)"[^>]*><title>([^<]+)</title>',
                       svg)
    assert links == [("/de/projekte/bamberg/", "Smart City Bamberg (Bamberg)"),
                     ("/de/projekte/ulm/", "Zukunftsstadt Ulm (Ulm)")]
    # No link is taken out of the tab order while nothing is filtered.
    assert 'tabindex="-1"' not in svg
    # SVG wants dots, whatever the page's language writes in its numbers.
    assert re.search(r'd="M\d+\.\d,\d+\.\d', svg)
    legend = html.split('class="project-map__legend"')[1].split("</ul>")[0]
    assert [label.strip() for label in re.findall(r"</svg>([^<]+)</li>", legend)] == [
        "Staffel 1 (2019)", "Staffel 2 (2020)", "Staffel 3 (2021)"]
    assert "Natural Earth" in html and "gemeinfrei" in html


@pytest.mark.django_db
def test_filtered_projects_are_highlighted_and_the_others_dimmed(client, catalogue):
    html = client.get("/de/projekte/?federal_state=09").content.decode()
    svg = _svg(html)
    selected = svg.split('class="project-map__selected"')[1]
    dimmed = svg.split('class="project-map__dimmed"')[1].split("</g>")[0]
    assert "Smart City Bamberg" in selected and "Zukunftsstadt Ulm" not in selected
    assert ('<a class="project-map__link project-map__link--dimmed" href="/de/projekte/ulm/"'
            ' tabindex="-1"><title>Zukunftsstadt Ulm (Ulm), nicht in dieser Auswahl</title>'
            in dimmed)
    assert ("<title>Baden-Württemberg: 0 von 1 Modellprojekt in dieser Auswahl"
            " (nur diese zeigen)</title>") in svg
    assert "Karte der 16 Länder mit 1 Modellprojekt" in html
    assert "blass: nicht in dieser Auswahl" in html


def test_nothing_is_dimmed_while_every_project_is_selected():
    entries = [ProjectEntry("A", "Bamberg", "/a/", "09", 1, 49.9, 10.9)]
    assert not project_map(entries, []).filtered


@pytest.mark.django_db
def test_project_and_solution_pages_show_a_locator_map(client, catalogue):
    solution = publish(SolutionPageFactory(parent=catalogue["index"],
                                           model_project=catalogue["bamberg"]))
    for url in ("/de/projekte/bamberg/", solution.url):
        html = client.get(url).content.decode()
        locator = html.split('<figure class="locator-map">')[1].split("</figure>")[0]
        assert 'role="img"' in locator and "Karte: Bamberg in Deutschland" in locator
        assert locator.count('<path class="project-map__state') == 16
        assert "project-map__state--selected" in locator and "Bamberg (Bayern)" in locator


def test_a_place_without_coordinates_gets_no_locator_point():
    assert locator_map("A", "Bamberg", "09", 1, None, None).point is None


@pytest.mark.django_db
def test_a_state_link_keeps_the_other_filters_and_leaves_the_page(client, catalogue):
    svg = _svg(client.get("/de/projekte/?funding_phase=1&federal_state=08&page=2")
               .content.decode())
    assert ('<a class="project-map__area" href="?funding_phase=1&amp;federal_state=09">'
            in svg)


@pytest.mark.django_db
def test_a_skip_link_leads_past_the_markers_to_the_list(client, catalogue):
    html = client.get("/de/projekte/").content.decode()
    skip = html.index(
        '<a class="project-map__skip" href="#project-map-list">Karte überspringen</a>')
    assert skip < html.index('<svg class="project-map__svg"') < html.index(
        '<details class="project-map__list" id="project-map-list">')


# The labels' largest size in map.css (on phones), in map units.
LABEL_SIZE = 14


def _label_box(x: float, y: float, text: str) -> tuple[float, float, float, float]:
    """Where a label's two lines (abbreviation, count below) may ink, generously: capitals
    are at most 0.7 em wide, the count's line ends 1.1 em lower."""
    half = 0.7 * LABEL_SIZE * len(text) / 2
    return x - half, y - 0.8 * LABEL_SIZE, x + half, y + (0.25 + 1.1) * LABEL_SIZE


def test_no_state_label_covers_a_demo_project_marker():
    # Hamburg's label once sat on Hamburg's marker: the city states' labels stand beside
    # them, and must stay clear of every place the demo puts a project.
    places = {spec["name"]: project(spec["longitude"], spec["latitude"])
              for spec in municipality_specs() if spec.get("latitude")}
    assert {"Hamburg", "Bamberg", "Kiel"} <= set(places)
    assert "font-size: 14px" in (STATES_FILE.parents[1] / "static/repository/map.css").read_text()
    reach = MARKER_SIZE * 1.35  # the largest marker, phase 3's triangle
    for shape in state_shapes():
        left, top, right, bottom = _label_box(shape.label_x, shape.label_y, shape.abbreviation)
        for name, (x, y) in places.items():
            overlaps = (x + reach > left and x - reach < right
                        and y + reach > top and y - reach < bottom)
            assert not overlaps, f"{shape.abbreviation} covers {name}"
