"""The office's evaluation of the reporting rounds (repository.reporting.evaluation): the
step a solution stood at before an accepted report (the move it counts), and the right to
see the evaluation, for editors and a new group for the evaluation partner."""

from django.db import migrations, models

from home.roles import create_missing_permissions, grant_model_permissions

# Editors see the evaluation beside the status board; the evaluation partner signs in to
# the admin (or uses a personal token on /api/v2/evaluation/) and sees its figures only,
# never a report. Idempotent, adds only; reverse: nothing (the group may hold people).
ROLES = {
    "Editors": ["repository.view_evaluation"],
    "Evaluation partners": ["repository.view_evaluation", "wagtailadmin.access_admin"],
}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):

    dependencies = [
        ('repository', '0011_confirmation_prompts'),
        ('wagtailadmin', '0006_formstate'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='reportinground',
            options={'ordering': ['-opens_on', 'title'], 'permissions': [('view_evaluation', 'Can see the evaluation of the reporting rounds')], 'verbose_name': 'reporting round', 'verbose_name_plural': 'reporting rounds'},
        ),
        migrations.AddField(
            model_name='solutionanswer',
            name='previous_maturity',
            field=models.CharField(blank=True, choices=[('idea', 'Idea'), ('prototype', 'Prototype'), ('pilot', 'Pilot'), ('operation', 'Regular operation'), ('transferred', 'Transferred')], max_length=12, verbose_name='maturity step before'),
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
