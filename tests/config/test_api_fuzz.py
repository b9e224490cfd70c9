"""schemathesis against the live server: every operation of /api/v2/schema/, with
generated valid and invalid input, anonymous and as a member with a personal token.
No answer may be a server error or contradict the schema.

Bounded: a fixed number of examples per operation, a fixed seed and a time budget per
run, so the test takes about the same time (well under five minutes on two cores) on
every run. `FUZZ_EXAMPLES` raises the number of examples for a deeper local run.

Every check runs but the ones named in EXCLUDED_CHECKS, and the test proves from the
recorded traffic (schemathesis's HAR report) that the two checks which only act on some
answers had answers to act on:

- ``allow_header_conformance`` compares the ``Allow`` header of an ``OPTIONS`` answer
  with the methods the schema lists for that path. schemathesis sends ``OPTIONS`` to
  every path as an undocumented method (coverage phase); each answer must carry
  ``Allow``, or the check had nothing to compare.
- ``ignored_auth`` acts only on operations whose schema requires authentication (no
  anonymous ``{}`` in their ``security``: the member-only ones, see
  ``home.api.MemberActionsMixin``) and only after a success with the token: then it
  repeats the request without credentials and with made-up ones, which must be refused.
  Generated ids would never name an event the member can register for, so the token
  run pins those operations' ids to real ones (a schemathesis config file), and the
  test asserts that the refusing probes were sent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from community.models import PersonalToken
from tests.community.factories import make_user
from tests.events.factories import event_calendar, make_event, make_series
from tests.home.factories import bilingual_site

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
BUDGET_SECONDS = int(os.environ.get("FUZZ_SECONDS", "100"))
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")

# Every check schemathesis has but these, which cannot apply here:
# - use_after_free, ensure_resource_availability, object_level_authorization are
#   stateful: they follow OpenAPI links from the operation that creates a resource to
#   the ones that read or delete it. The schema declares no links (Wagtail's endpoints
#   create nothing; a thread is read by id from another endpoint's answer), so the
#   stateful phase has nothing to walk and these checks would never fire.
# - positive_data_acceptance says every schema-valid request is accepted (2xx). What is
#   valid here also depends on the data: a month filter takes the months that have
#   events, `child_of` a page that exists, an expression of interest a municipality in
#   the register, a registration an event still open. Those answer 400 or 404 with the
#   allowed values, as the schema documents.
EXCLUDED_CHECKS = ",".join([
    "use_after_free", "ensure_resource_availability", "object_level_authorization",
    "positive_data_acceptance",
])


def fuzz(base_url: str, tmp_path: Path, name: str, *headers: str,
         config: str = "") -> list[dict]:
    """One schemathesis run; returns the recorded exchanges (HAR entries)."""
    report = tmp_path / f"report-{name}.json"
    har = tmp_path / f"traffic-{name}.har"
    command = [str(SCHEMATHESIS)]
    if config:
        config_file = tmp_path / f"schemathesis-{name}.toml"
        config_file.write_text(config)
        command += ["--config-file", str(config_file)]
    command += [
        "run", f"{base_url}/api/v2/schema/",
        "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS,
        "--max-examples", str(EXAMPLES), "--seed", "14",
        "--workers", "1", "--max-time", str(BUDGET_SECONDS), "--no-shrink",
        "--phases", "examples,coverage,fuzzing", "--request-timeout", "20",
        "--suppress-health-check", "all", "--output-truncate", "true",
        # The recorded traffic keeps the (test) token, so the probes without it show.
        "--output-sanitize", "false",
        "--report", "json,har", "--report-json-path", str(report),
        "--report-har-path", str(har),
    ]
    for header in headers:
        command += ["-H", header]
    started = time.monotonic()
    # In the test's own folder: schemathesis keeps a cache where it runs.
    finished = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path,
                              timeout=BUDGET_SECONDS + 120, check=False)
    summary = json.loads(report.read_text()) if report.exists() else {}
    print(f"schemathesis ({name}): exit {finished.returncode} in "
          f"{time.monotonic() - started:.0f} s, "
          f"{summary.get('test_cases', {}).get('generated')} cases, "
          f"{summary.get('operations', {}).get('tested')} operations")
    print(finished.stdout[-6000:])
    assert finished.returncode == 0, finished.stdout[-20000:] + finished.stderr[-2000:]
    return json.loads(har.read_text())["log"]["entries"] if har.exists() else []


def header(message: dict, name: str) -> str | None:
    return next((item["value"] for item in message["headers"]
                 if item["name"].lower() == name), None)


def paths_of(entries: list[dict], method: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entry in entries:
        if entry["request"]["method"] == method:
            found.setdefault(urlsplit(entry["request"]["url"]).path, []).append(entry)
    return found


def assert_options_carry_allow(entries: list[dict]) -> int:
    """allow_header_conformance had an Allow header to compare on every OPTIONS answer."""
    options = [entry for entries_ in paths_of(entries, "OPTIONS").values()
               for entry in entries_]
    assert options, "schemathesis sent no OPTIONS request"
    assert all(header(entry["response"], "allow") for entry in options)
    return len(options)


def probes_without_the_token(entries: list[dict], path: str, token: str) -> list[int]:
    """Statuses of the requests to ``path`` that did not carry the member's token: the
    ones ignored_auth sends without credentials or with made-up ones."""
    return [entry["response"]["status"] for entry in entries
            if urlsplit(entry["request"]["url"]).path == path
            and header(entry["request"], "authorization") != token]


@pytest.fixture
def member_data(site):
    """What the member's operations can succeed on: an event and a series open for
    registration."""
    calendar = event_calendar(site)
    return {"event": make_event(calendar, title="Auftakt", capacity=50),
            "series": make_series(calendar, sessions=2), "member": make_user("fuzzer")}


@pytest.fixture
def site(transactional_db):
    return bilingual_site()


def pinned_ids(data: dict) -> str:
    """schemathesis config: the member's operations name real things (see the module's
    docstring)."""
    return "\n".join(
        f'[[operations]]\ninclude-path = "{path}"\nparameters = {{ "path.id" = {pk} }}\n'
        for path, pk in (("/api/v2/events/{id}/registration/", data["event"].pk),
                         ("/api/v2/event-series/{id}/registration/", data["series"].pk)))


def test_fuzzing_the_api_finds_no_server_error_and_no_violation(live_server, tmp_path,
                                                                member_data):
    _token, raw = PersonalToken.issue(member_data["member"], "schemathesis")
    started = time.monotonic()
    anonymous = fuzz(live_server.url, tmp_path, "anonymous")
    with_token = fuzz(live_server.url, tmp_path, "token", f"Authorization: Token {raw}",
                      config=pinned_ids(member_data))
    options = assert_options_carry_allow(anonymous) + assert_options_carry_allow(with_token)
    # ignored_auth: after a success with the token, the same request without it (and
    # with made-up credentials) was sent and refused.
    probes = {}
    for kind, page in (("events", member_data["event"]), ("event-series",
                                                          member_data["series"])):
        path = f"/api/v2/{kind}/{page.pk}/registration/"
        successes = [entry for entry in with_token if urlsplit(entry["request"]["url"]).path
                     == path and 200 <= entry["response"]["status"] < 300]
        assert successes, f"no success with the token on {path}"
        probes[path] = probes_without_the_token(with_token, path, f"Token {raw}")
        assert probes[path] and set(probes[path]) <= {401, 403}, probes[path]
    print(f"OPTIONS answers checked for Allow: {options}; ignored_auth probes refused: "
          f"{ {path: len(statuses) for path, statuses in probes.items()} }; "
          f"both runs in {time.monotonic() - started:.0f} s")
