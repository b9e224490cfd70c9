"""What participants were last told moves from the event page (where publishing an older
revision brought old values back) into a table of its own, one row per event and its
translations. Data: each announced event's row is copied from its original page (the
one created first, which held the announcements), with the highest SEQUENCE any of its
language versions carried; mode and joining link, not tracked before, start from the
page's current ones. Reverse: the rows are copied back onto every version of the page."""

from django.db import migrations, models


def copy_to_table(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventAnnouncement = apps.get_model("events", "EventAnnouncement")
    rows = {}
    for page in EventPage.objects.order_by("pk"):
        known = rows.get(page.translation_key)
        if known is None:
            if page.announced_start is None:
                continue
            rows[page.translation_key] = EventAnnouncement(
                translation_key=page.translation_key, start=page.announced_start,
                end=page.announced_end or page.end, mode=page.mode,
                place=page.announced_place, joining_link=page.joining_link,
                cancelled=page.announced_cancelled, sequence=page.calendar_sequence)
        else:
            known.sequence = max(known.sequence, page.calendar_sequence)
    EventAnnouncement.objects.bulk_create(rows.values())


def copy_to_pages(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventAnnouncement = apps.get_model("events", "EventAnnouncement")
    for row in EventAnnouncement.objects.all():
        EventPage.objects.filter(translation_key=row.translation_key).update(
            announced_start=row.start, announced_end=row.end, announced_place=row.place,
            announced_cancelled=row.cancelled, calendar_sequence=row.sequence)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_event_manager_role"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventAnnouncement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(editable=False, unique=True)),
                ("start", models.DateTimeField(verbose_name="start")),
                ("end", models.DateTimeField(verbose_name="end")),
                ("mode", models.CharField(blank=True, max_length=10, verbose_name="mode")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                ("joining_link", models.URLField(blank=True, max_length=500, verbose_name="joining link")),
                ("cancelled", models.BooleanField(default=False, verbose_name="cancelled")),
                ("sequence", models.PositiveIntegerField(default=0, verbose_name="calendar sequence")),
                ("announced_at", models.DateTimeField(auto_now=True, verbose_name="announced")),
            ],
            options={
                "verbose_name": "announcement of an event",
                "verbose_name_plural": "announcements of events",
            },
        ),
        migrations.RunPython(copy_to_table, copy_to_pages),
        migrations.RemoveField(model_name="eventpage", name="announced_start"),
        migrations.RemoveField(model_name="eventpage", name="announced_end"),
        migrations.RemoveField(model_name="eventpage", name="announced_place"),
        migrations.RemoveField(model_name="eventpage", name="announced_cancelled"),
        migrations.RemoveField(model_name="eventpage", name="calendar_sequence"),
    ]
