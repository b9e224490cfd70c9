"""Charts drawn on the server as accessible SVG: horizontal bars (one series or stacked)
and lines over time, each with a title, a description and the same numbers as a table.

The plugins count (one grouped query per chart) and hand the counts to
:func:`bar_chart` or :func:`line_chart`; ``{% chart chart %}`` (home.templatetags.
chart_tags) draws the figure. Nothing is fetched and no script runs: a screen reader
hears the SVG's title and description and finds the numbers in the table, which is why
the shapes themselves carry no text of their own beyond the visible labels.

Coordinates are in a fixed view box (``WIDTH`` units wide) that the stylesheet scales to
the column; the sizes below keep labels readable from 320 px phones upwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

WIDTH = 400
# Horizontal bars: a label line above each bar, so long names never squeeze the bars.
LABEL_HEIGHT = 17
BAR_HEIGHT = 16
ROW_GAP = 9
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
VALUE_SPACE = 44
LABEL_CHARACTERS = 46
# Lines: room for the axis labels.
LINE_HEIGHT = 220
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 34, 22, 12, 30
# Series are told apart by colour and, for lines, by dash pattern (WCAG 1.4.1); the
# stylesheet holds five of each (chart__series--0 … --4).
SERIES_STYLES = 5


@dataclass(frozen=True)
class Series:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    """One bar (or one point in time of a line chart): its label, one value per series
    and, where the numbers lead somewhere, the listing they count."""

    label: str
    values: tuple[int, ...]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Shape:
    """A drawn rectangle or line: its series (style), coordinates and hover text."""

    style: int
    x: float
    y: float
    width: float = 0
    height: float = 0
    points: str = ""
    tooltip: str = ""
    value: int = 0


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    strong: bool = False


@dataclass
class Chart:
    kind: str
    slug: str
    title: str
    description: str
    row_heading: str
    series: list[Series]
    rows: list[Row]
    height: float = 0
    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    gridlines: list[float] = field(default_factory=list)
    markers: list[Shape] = field(default_factory=list)

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def plot_left(self) -> int:
        return PLOT_LEFT

    @property
    def plot_right(self) -> int:
        return WIDTH - PLOT_RIGHT

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1

    @property
    def empty(self) -> bool:
        return not any(row.total for row in self.rows)

    @property
    def legend(self) -> list[tuple[int, Series]]:
        return [(index % SERIES_STYLES, series) for index, series in enumerate(self.series)]

    @property
    def table_rows(self) -> list[dict]:
        return [{"label": row.label, "url": row.url, "values": row.values,
                 "total": row.total} for row in self.rows]


def _single(series: Sequence[Series] | None) -> list[Series]:
    return list(series) if series else [Series("count", str(_("Number")))]


def bar_chart(slug: str, title: str, description: str, row_heading: str,
              rows: Sequence[Row], series: Sequence[Series] | None = None) -> Chart:
    """Horizontal bars, one per row, split into the series when there are several."""
    chart = Chart("bar", slugify(slug), str(title), str(description), str(row_heading),
                  _single(series), list(rows))
    largest = max((row.total for row in chart.rows), default=0) or 1
    scale = (WIDTH - VALUE_SPACE) / largest
    for index, row in enumerate(chart.rows):
        top = index * ROW_HEIGHT
        # The table below keeps the whole label; a line of the chart holds about 46.
        chart.labels.append(Label(0, top + LABEL_HEIGHT - 4,
                                  Truncator(row.label).chars(LABEL_CHARACTERS)))
        x = 0.0
        for number, (value, one) in enumerate(zip(row.values, chart.series, strict=True)):
            if not value:
                continue
            width = round(value * scale, 1)
            chart.shapes.append(Shape(
                number % SERIES_STYLES, round(x, 1), top + LABEL_HEIGHT, width, BAR_HEIGHT,
                tooltip=f"{row.label}, {one.label}: {value}", value=value))
            x += width
        chart.labels.append(Label(round(x + 5, 1), top + LABEL_HEIGHT + BAR_HEIGHT - 3,
                                  str(row.total), strong=True))
    chart.height = len(chart.rows) * ROW_HEIGHT
    return chart


def nice_ceiling(value: int) -> int:
    """The smallest top of the axis that holds ``value`` with four whole, round steps
    (1, 2 or 5 times a power of ten), so the axis reads 0, 5, 10, 15, 20 and not
    0, 2, 5, 7, 10."""
    power = 1
    while True:
        for step in (1, 2, 5):
            if step * power * 4 >= value:
                return step * power * 4
        power *= 10


def line_chart(slug: str, title: str, description: str, row_heading: str,
               rows: Sequence[Row], series: Sequence[Series] | None = None) -> Chart:
    """One line per series over the rows, which are points in time, oldest first."""
    chart = Chart("line", slugify(slug), str(title), str(description), str(row_heading),
                  _single(series), list(rows))
    chart.height = LINE_HEIGHT
    top_value = nice_ceiling(max((max(row.values, default=0) for row in chart.rows),
                                 default=0))
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = LINE_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    bottom = PLOT_TOP + plot_height
    for tick in range(5):
        value = top_value * tick // 4
        y = round(bottom - plot_height * tick / 4, 1)
        chart.gridlines.append(y)
        chart.labels.append(Label(PLOT_LEFT - 6, y + 4, str(value), anchor="end"))
    steps = max(len(chart.rows) - 1, 1)

    def x_of(index: int) -> float:
        if len(chart.rows) == 1:
            return PLOT_LEFT + plot_width / 2
        return round(PLOT_LEFT + plot_width * index / steps, 1)

    def y_of(value: int) -> float:
        return round(bottom - plot_height * value / top_value, 1)

    for index, row in enumerate(chart.rows):
        chart.labels.append(Label(x_of(index), LINE_HEIGHT - 10, row.label, anchor="middle"))
    for number, one in enumerate(chart.series):
        points = [(x_of(index), y_of(row.values[number])) for index, row in enumerate(chart.rows)]
        chart.shapes.append(Shape(number % SERIES_STYLES, 0, 0,
                                  points=" ".join(f"{x},{y}" for x, y in points)))
        chart.markers.extend(
            Shape(number % SERIES_STYLES, x, y,
                  tooltip=f"{row.label}, {one.label}: {row.values[number]}",
                  value=row.values[number])
            for (x, y), row in zip(points, chart.rows, strict=True))
    return chart
