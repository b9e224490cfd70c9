"""The chart module draws what it is given: bars as long as their share, the same numbers
in the table, a title and description that name the SVG, and lines on a round axis."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from home.charts import Row, Series, bar_chart, line_chart, nice_ceiling

SERIES = [Series("confirmed", "Bestätigt"), Series("waiting", "Warteliste")]


def _render(chart):
    return render_to_string("components/chart.html", {"chart": chart, "heading_level": 3})


def test_bars_are_as_long_as_their_share_of_the_largest_row():
    chart = bar_chart("reife", "Lösungen nach Reifegrad", "Wie weit sie sind.", "Reifegrad",
                      [Row("Idee", (2,)), Row("Pilot", (4,)), Row("Leer", (0,))])
    widths = [shape.width for shape in chart.shapes]
    assert [shape.value for shape in chart.shapes] == [2, 4]
    assert widths[1] == 2 * widths[0]
    # A row with nothing draws no bar but keeps its label and its 0.
    assert [label.text for label in chart.labels] == ["Idee", "2", "Pilot", "4", "Leer", "0"]


def test_stacked_bars_follow_each_other_and_the_legend_names_the_series():
    chart = bar_chart("anmeldungen", "Anmeldungen", "Je Veranstaltung.", "Veranstaltung",
                      [Row("Workshop", (3, 1))], SERIES)
    first, second = chart.shapes
    assert second.x == first.x + first.width and (first.style, second.style) == (0, 1)
    html = _render(chart)
    assert '<ul class="chart__legend"' in html and "Warteliste</li>" in html


def test_the_svg_is_named_by_its_title_and_description_and_the_table_has_the_numbers():
    chart = bar_chart("reife", "Lösungen nach Reifegrad", "Wie weit sie sind.", "Reifegrad",
                      [Row("Idee", (2,), "/de/loesungen/?maturity=idea"), Row("Pilot", (5,))])
    html = _render(chart)
    assert ('role="img" aria-labelledby="chart-reife-title chart-reife-desc"' in html)
    assert '<title id="chart-reife-title">Lösungen nach Reifegrad</title>' in html
    assert '<desc id="chart-reife-desc">Wie weit sie sind.' in html
    bars = [int(value) for value in re.findall(r'<rect [^>]*data-value="(\d+)"', html)]
    table = html.split("<tbody>")[1]
    cells = [int(value) for value in re.findall(r"<td>(\d+)</td>", table)]
    assert bars == cells == [2, 5]
    assert '<a class="kern-link" href="/de/loesungen/?maturity=idea">Idee</a>' in table
    assert "<summary>" in html and "<caption>Lösungen nach Reifegrad</caption>" in html


def test_coordinates_use_dots_whatever_the_language():
    chart = bar_chart("x", "T", "D", "R", [Row("a", (1,)), Row("b", (3,))])
    with translation.override("de"):
        html = _render(chart)
    assert re.search(r'<rect [^>]*width="\d+\.\d"', html)
    assert not re.search(r'(x|y|width)="\d+,\d', html)


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    html = _render(bar_chart("leer", "T", "D", "R", [Row("a", (0,))]))
    assert "<svg" not in html and "chart__empty" in html


def test_lines_rise_over_a_round_axis_with_one_marker_per_point():
    chart = line_chart("zeit", "Übernahmen", "Je Jahr.", "Jahr",
                       [Row("2022", (1, 0)), Row("2023", (3, 2)), Row("2024", (7, 2))], SERIES)
    assert [label.text for label in chart.labels[:5]] == ["0", "2", "4", "6", "8"]
    assert len(chart.shapes) == 2 and len(chart.markers) == 6
    first_line = [float(y) for _x, y in (p.split(",") for p in chart.shapes[0].points.split())]
    assert first_line == sorted(first_line, reverse=True)  # y grows downwards
    assert [marker.value for marker in chart.markers[:3]] == [1, 3, 7]


def test_the_axis_top_is_four_whole_round_steps():
    assert [nice_ceiling(value) for value in (0, 3, 5, 9, 17, 21, 41, 130)] == [
        4, 4, 8, 20, 20, 40, 80, 200]
