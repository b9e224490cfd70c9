"""``{% chart chart %}``: a chart of home.charts as a figure with its SVG, legend and
the same numbers as a table (templates/components/chart.html)."""

from __future__ import annotations

from typing import Any

from django import template

from home.charts import Chart

register = template.Library()


@register.inclusion_tag("components/chart.html")
def chart(chart: Chart, heading_level: int = 3) -> dict[str, Any]:
    return {"chart": chart, "heading_level": heading_level}
