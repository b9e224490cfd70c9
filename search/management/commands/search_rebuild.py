import sys

from django.core.management.base import BaseCommand, CommandError

from search.client import search_engine_configured
from search.models import IndexRebuild, RebuildStatus
from search.rebuild import REBUILD_CHUNK_SIZE, LoadProgress, RebuildRefused, rebuild_index


class Command(BaseCommand):
    help = ("Build a new search index from every source, swap the alias to it atomically "
            "and drop the old one. Searches keep answering throughout. A rebuild that "
            "failed resumes where it stopped unless --fresh.")

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=REBUILD_CHUNK_SIZE,
                            help="Objects per chunk (default %(default)s).")
        parser.add_argument("--fresh", action="store_true",
                            help="Start from scratch, dropping what a failed rebuild loaded.")

    def handle(self, *args, chunk_size: int, fresh: bool, **options):
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

        resuming = IndexRebuild.objects.filter(status=RebuildStatus.FAILED).first()
        if resuming is not None and resuming.resumable and not fresh:
            self.stderr.write(f"Resuming {resuming.index_name} after "
                              f"{resuming.documents:,} documents (--fresh starts over).")
        try:
            rebuild, state = rebuild_index(chunk_size=chunk_size, progress=progress,
                                           fresh=fresh)
        except RebuildRefused as error:
            raise CommandError(str(error)) from error
        except Exception as error:
            raise CommandError(
                f"Rebuild failed: {error}. The live index is unchanged; run search_rebuild "
                "again to resume where it stopped, or with --fresh to start over.") from error
        if interactive:
            self.stderr.write("")
        queries = state.queries_per_chunk or [0]
        self.stdout.write(
            f"Rebuilt {rebuild.index_name}: {state.done:,} documents in "
            f"{(rebuild.finished_at - rebuild.started_at).total_seconds():.1f} s "
            f"({state.build_rate:,.0f} documents/s built, {state.rate:,.0f}/s overall), "
            f"{min(queries)}–{max(queries)} SQL queries per chunk of {chunk_size}, "
            f"{rebuild.replayed} changes replayed, {rebuild.retries} bulk requests retried.")
