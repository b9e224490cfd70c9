"""The instants at which the suite's clock stands.

Every test runs with the clock travelled to `DEFAULT_INSTANT` (time-machine, ticking
from there), so no result depends on the hour the suite happens to run at. Tests marked
`@pytest.mark.clock` compute times relative to "now" (tomorrow's event, a deadline an
hour ago, this month); they run once at each of `CLOCK_INSTANTS` instead: the hours at
which relative dates have broken before, and the two days a year on which a Berlin day
has 23 or 25 hours.

`SUITE_CLOCK="2026-03-29 01:30"` (Berlin time) moves the default instant, e.g. to run the
whole suite at another hour: `SUITE_CLOCK="2026-06-10 03:00" make pytest`.
"""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(text: str) -> datetime:
    """`YYYY-MM-DD HH:MM` in Berlin time; on the repeated hour in October, the first."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


DEFAULT_INSTANT = berlin(os.environ.get("SUITE_CLOCK") or "2026-06-10 12:00")

CLOCK_INSTANTS = {
    "night-0300": berlin("2026-06-10 03:00"),
    "morning-0959": berlin("2026-06-10 09:59"),
    "late-morning-1100": berlin("2026-06-10 11:00"),
    "late-evening-2330": berlin("2026-06-10 23:30"),
    # The last Sunday of March: 02:00 CET becomes 03:00 CEST, the day has 23 hours.
    "spring-forward-0130": berlin("2026-03-29 01:30"),
    # The last Sunday of October: 03:00 CEST becomes 02:00 CET, the day has 25 hours.
    "fall-back-0130": berlin("2026-10-25 01:30"),
}
