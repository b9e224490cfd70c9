"""The demo content in tests: ``load_demo`` as ``make demo`` runs it, for every plugin."""

from io import StringIO

from django.core.management import call_command


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
