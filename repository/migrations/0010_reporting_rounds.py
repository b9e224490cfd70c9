"""Reporting rounds (repository.reporting): team roles, indicators per field of action, rounds,
reports with their answers per solution and indicator values; editors get the rights to
run them."""

import django.core.validators
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models

from home.roles import create_missing_permissions, grant_model_permissions

# Editors open rounds, keep the indicators and the teams' roles, and review reports
# (repository.reporting.permissions: the right to change reports). Idempotent; the
# group stays editable; reverse: nothing (the permissions go with the models).
ROLES = {
    "Editors": [
        *(f"repository.{action}_{model}" for model in ("reportinground", "indicator",
                                                        "teammember")
          for action in ("add", "change", "delete")),
        "repository.change_report", "repository.view_report",
    ],
}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):

    dependencies = [
        ('repository', '0009_freshness_and_adoption_reports'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportingRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='For example “Bericht 2027-1”.', max_length=100, unique=True, verbose_name='title')),
                ('opens_on', models.DateField(verbose_name='opens on')),
                ('due_on', models.DateField(verbose_name='due on')),
                ('intro', models.TextField(blank=True, help_text='What the office asks for this time, shown above every report form.', verbose_name='introduction')),
                ('questions', models.TextField(blank=True, help_text='Further questions to the whole project, one per line.', verbose_name='questions')),
                ('closed', models.BooleanField(default=False, help_text='A closed round takes no more answers.', verbose_name='closed')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'reporting round',
                'verbose_name_plural': 'reporting rounds',
                'ordering': ['-opens_on', 'title'],
            },
        ),
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('unit', models.CharField(help_text='For example “users per month”, “t CO₂”, “%”.', max_length=40, verbose_name='unit')),
                ('target', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='target')),
                ('description', models.TextField(blank=True, verbose_name='what is counted')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='repository.topic', verbose_name='field of action')),
            ],
            options={
                'verbose_name': 'indicator',
                'verbose_name_plural': 'indicators',
                'ordering': ['topic__sort_order', 'sort_order', 'name'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.CreateModel(
            name='Report',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('not_started', 'Not started'), ('draft', 'Draft'), ('submitted', 'Submitted'), ('accepted', 'Reviewed: accepted'), ('returned', 'Reviewed: returned')], default='not_started', max_length=12, verbose_name='status')),
                ('progress', models.TextField(blank=True, max_length=5000, verbose_name='progress of the project')),
                ('answers', models.JSONField(blank=True, default=list, verbose_name="answers to the round's questions")),
                ('review_comment', models.TextField(blank=True, max_length=2000, verbose_name='comment of the review')),
                ('changed_at', models.DateTimeField(blank=True, null=True, verbose_name='last change')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed')),
                ('reminded_before_at', models.DateTimeField(blank=True, null=True, verbose_name='reminded before the due date')),
                ('reminded_after_at', models.DateTimeField(blank=True, null=True, verbose_name='reminded after the due date')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='repository.modelprojectpage', verbose_name='model project')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='repository.reportinground', verbose_name='reporting round')),
            ],
            options={
                'verbose_name': 'report',
                'verbose_name_plural': 'reports',
                'ordering': ['round', 'project__title'],
            },
        ),
        migrations.CreateModel(
            name='SolutionAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maturity', models.CharField(blank=True, choices=[('idea', 'Idea'), ('prototype', 'Prototype'), ('pilot', 'Pilot'), ('operation', 'Regular operation'), ('transferred', 'Transferred')], max_length=12, verbose_name='maturity step now')),
                ('operation', models.CharField(blank=True, choices=[('running', 'Yes, as before'), ('changed', 'Yes, but changed'), ('ended', 'No, ended')], max_length=8, verbose_name='still in operation?')),
                ('operation_note', models.TextField(blank=True, max_length=2000, verbose_name='what changed, or why it ended')),
                ('costs_so_far', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='costs so far (€)')),
                ('lessons', models.TextField(blank=True, max_length=3000, verbose_name='lessons since the last report')),
                ('adoptions_known', models.TextField(blank=True, help_text='Municipalities that took the solution over or are introducing it.', max_length=2000, verbose_name='adoptions you know of')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='solution_answers', to='repository.report')),
                ('solution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_answers', to='repository.solutionpage', verbose_name='solution')),
            ],
            options={
                'verbose_name': 'answer about a solution',
                'verbose_name_plural': 'answers about solutions',
                'ordering': ['report', 'solution__title'],
            },
        ),
        migrations.CreateModel(
            name='IndicatorValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='value')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='values', to='repository.indicator', verbose_name='indicator')),
                ('answer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicator_values', to='repository.solutionanswer')),
            ],
            options={
                'verbose_name': 'indicator value',
                'verbose_name_plural': 'indicator values',
            },
        ),
        migrations.CreateModel(
            name='TeamMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Lead'), ('contributor', 'Contributor')], default='contributor', max_length=12, verbose_name='role')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='team_members', to='repository.modelprojectpage', verbose_name='model project')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='project_roles', to=settings.AUTH_USER_MODEL, verbose_name='member')),
            ],
            options={
                'verbose_name': 'project team member',
                'verbose_name_plural': 'project team members',
                'ordering': ['project__title', 'role', 'user__email'],
            },
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(fields=('round', 'project'), name='one_report_per_project_and_round'),
        ),
        migrations.AddConstraint(
            model_name='solutionanswer',
            constraint=models.UniqueConstraint(fields=('report', 'solution'), name='one_answer_per_solution'),
        ),
        migrations.AddConstraint(
            model_name='indicatorvalue',
            constraint=models.UniqueConstraint(fields=('answer', 'indicator'), name='one_value_per_indicator'),
        ),
        migrations.AddConstraint(
            model_name='teammember',
            constraint=models.UniqueConstraint(fields=('project', 'user'), name='unique_team_member'),
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
