import sys

from django.core.management.base import BaseCommand, CommandError

from search.client import search_engine_configured
from search.rebuild import REBUILD_CHUNK_SIZE, LoadProgress, rebuild_index


class Command(BaseCommand):
    help = ("Build a new search index from every source, swap the alias to it atomically "
            "and drop the old one. Searches keep answering throughout.")

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=REBUILD_CHUNK_SIZE,
                            help="Objects per chunk (default %(default)s).")

    def handle(self, *args, chunk_size: int, **options):
        if not search_engine_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: the database backend needs no "
                               "rebuild (use search_reconcile to mend its documents).")
        if chunk_size < 1:
            raise CommandError("--chunk-size must be 1 or more.")
        interactive = sys.stderr.isatty()

        def progress(state: LoadProgress) -> None:
            if interactive:
                self.stderr.write("\r" + state.line(), ending="")
            elif state.done == state.total or len(state.queries_per_chunk) % 20 == 0:
                self.stderr.write(state.line())

        try:
            rebuild, state = rebuild_index(chunk_size=chunk_size, progress=progress)
        except Exception as error:
            raise CommandError(f"Rebuild failed and was rolled back: {error}") from error
        if interactive:
            self.stderr.write("")
        queries = state.queries_per_chunk or [0]
        self.stdout.write(
            f"Rebuilt {rebuild.index_name}: {state.done:,} documents in "
            f"{(rebuild.finished_at - rebuild.started_at).total_seconds():.1f} s "
            f"({state.build_rate:,.0f} documents/s built, {state.rate:,.0f}/s overall), "
            f"{min(queries)}–{max(queries)} SQL queries per chunk of {chunk_size}, "
            f"{rebuild.replayed} changes replayed.")
