"""Settings of the load benchmark's ceiling (tests/bench/bench_load.py): production's,
middleware and all, with one URL whose view does nothing. What gunicorn serves with
these settings is the most this machine can answer through the platform's stack."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.bare_urls"
