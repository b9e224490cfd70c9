"""The municipality's name as the picker searches it (community.municipality_search),
filled in for the municipalities there are. Reverse: the column goes."""

from django.db import migrations, models

from community.models.municipalities import fold_name


def fill(apps, schema_editor):
    Municipality = apps.get_model("community", "Municipality")
    municipalities = list(Municipality.objects.only("pk", "name"))
    for municipality in municipalities:
        municipality.search_name = fold_name(municipality.name)
    Municipality.objects.bulk_update(municipalities, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0009_page_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
