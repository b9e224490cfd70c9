"""Attachment benchmark: the hostile archives of tests/community/archive_bombs.py at the
upload limit (10 MB), each checked in a fresh process as an upload on disk (as Django
keeps files above 2.5 MB), with the time to the refusal and the memory it took.

    .venv/bin/python tests/bench/bench_attachments.py [--size-mb 10]

"peak RSS +" is the growth of the process's peak resident memory (getrusage) over what
it held before the check, with the file already written; "traced" is tracemalloc's peak
of Python allocations (zlib's buffers included), from a second, untimed check. The
budget of issue 24: under 1 s and under 50 MB. Not a pytest module.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import PROJECT_ROOT, setup_django

MIB = 1024 * 1024

CHECK = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
import django
django.setup()
from django.core.exceptions import ValidationError
from community.attachments import validate_upload
path, name = sys.argv[1], sys.argv[2]
upload = open(path, "rb")
size = os.path.getsize(path)
validate_upload(open({warm!r}, "rb"), "warm.odt", os.path.getsize({warm!r}))
def check():
    try:
        validate_upload(upload, name, size)
        return "accepted"
    except ValidationError as error:
        return "refused: " + error.code
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
outcome = check()
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# Traced separately: tracemalloc slows every allocation, so it would distort the time.
tracemalloc.start()
check()
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({{"seconds": seconds, "traced": traced, "rss_kib": after - before,
                   "outcome": outcome}}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    args = parser.parse_args(argv)
    setup_django()
    from community.attachments import max_attachment_bytes
    from tests.community.archive_bombs import CRAFTED, ODS, archive, deflated, stored

    size = min(int(args.size_mb * MIB), max_attachment_bytes()) - 4096
    print(f"{'crafted archive':40} {'bytes':>10} {'seconds':>8} {'peak RSS +':>11} "
          f"{'traced':>9}  outcome")
    worst = {"seconds": 0.0, "rss_mib": 0.0}
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder, "warm.odt")
        warm.write_bytes(archive([stored("mimetype", ODS.replace(b"spreadsheet", b"text")),
                                  deflated("content.xml", b"<c/>")]))
        for label, make in CRAFTED.items():
            path = Path(folder, "upload")
            path.write_bytes(make(size))
            name = "Tabelle.xlsx" if "Content_Types" in label else "Tabelle.ods"
            done = subprocess.run(
                [sys.executable, "-c", CHECK.format(root=str(PROJECT_ROOT), warm=str(warm)),
                 str(path), name], capture_output=True, text=True, check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            rss_mib = figures["rss_kib"] / 1024
            worst["seconds"] = max(worst["seconds"], figures["seconds"])
            worst["rss_mib"] = max(worst["rss_mib"], rss_mib)
            print(f"{label:40} {path.stat().st_size:>10,} {figures['seconds']:>8.3f} "
                  f"{rss_mib:>8.1f} MB {figures['traced'] / MIB:>6.1f} MB  {figures['outcome']}")
    print(f"worst: {worst['seconds']:.3f} s, {worst['rss_mib']:.1f} MB more peak memory "
          f"(budget: 1 s, 50 MB)")
    return 0 if worst["seconds"] < 1 and worst["rss_mib"] < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
