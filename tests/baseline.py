"""What the data migrations put into a new database, for transactional tests.

A transactional test (the browser tests, with their live server) empties every table
when it ends, and Django's serialized rollback cannot bring the rows back here:
restoring wagtail-localize's LocaleSynchronization fires a signal that reads its locale
before the locales are restored. So such tests rebuild the baseline themselves.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization


def restore_migrated_baseline() -> None:
    german, _ = Locale.objects.get_or_create(language_code="de")
    english, _ = Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=german))
    if not LocaleSynchronization.objects.filter(locale=english).exists():
        LocaleSynchronization.objects.create(locale=english, sync_from=german)
