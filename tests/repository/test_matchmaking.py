"""Matchmaking in the weekly digest: adopters and project teams hear that municipalities
like theirs are introducing a solution they run or built, in their language, once per
news; the clock is frozen (tests/clock.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import EmailFrequency
from community.notifications import send_digests
from repository.matchmaking import lines_for_recipients
from repository.models import Adoption, AdoptionStatus
from repository.reporting.models import TeamMember
from tests.clock import berlin
from tests.community.factories import MunicipalityFactory
from tests.repository.adoption_helpers import member_of, reporting_setup

pytestmark = pytest.mark.django_db


def weekly(user):
    user.member_profile.email_frequency = EmailFrequency.WEEKLY
    user.member_profile.save()
    return user


def introduce(solution, name, ags, size_class, days_ago=0):
    town = MunicipalityFactory(name=name, ags=ags, size_class=size_class)
    adoption = Adoption.objects.create(solution=solution, municipality=town,
                                       status=AdoptionStatus.IN_PROGRESS)
    Adoption.objects.filter(pk=adoption.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return adoption


@pytest.fixture
def matchmaking(site):
    setting = reporting_setup(site)
    solution = setting.solution
    TeamMember.objects.create(project=solution.model_project, user=setting.team_member)
    weekly(setting.team_member)  # Ulm's team, reads English
    kempten = MunicipalityFactory(name="Kempten", ags="09763000", size_class="kleinstadt")
    Adoption.objects.create(solution=solution, municipality=kempten,
                            status=AdoptionStatus.IN_OPERATION)
    adopter = weekly(member_of("kempten", kempten))
    # Like a Kleinstadt: two small towns and a Mittelstadt, one of them this week.
    introduce(solution, "Landsberg", "09181000", "kleinstadt", days_ago=2)
    introduce(solution, "Weilheim", "09190000", "kleinstadt", days_ago=12)
    introduce(solution, "Kaufbeuren", "09762000", "mittelstadt", days_ago=20)
    # Not like it (a Großstadt), and too long ago.
    introduce(solution, "München", "09162000", "grossstadt", days_ago=1)
    introduce(solution, "Füssen", "09777000", "kleinstadt", days_ago=40)
    # Reported but not confirmed: not yet public, so not counted.
    pending = introduce(solution, "Memmingen", "09764000", "kleinstadt", days_ago=1)
    Adoption.objects.filter(pk=pending.pk).update(review_state="pending")
    return setting, adopter


def test_adopters_and_teams_hear_of_municipalities_like_theirs(matchmaking):
    setting, adopter = matchmaking
    bystander = weekly(member_of("fremd", MunicipalityFactory(name="Lindau", ags="09776000")))
    assert send_digests(EmailFrequency.WEEKLY) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert bystander.email not in by_recipient
    german = by_recipient[adopter.email]
    assert ("3 Kommunen wie Ihre führen „Freie Parkplätze in Echtzeit“ ein, das Sie "
            "betreiben.") in german.body
    assert "Ihre wöchentliche Zusammenfassung: 1 Neuigkeiten" in german.subject
    english = by_recipient[setting.team_member.email]
    assert ("3 municipalities like yours are introducing “Free parking spaces in real "
            "time”, which your project built.") in english.body
    assert "/en/" in english.body


def test_no_line_without_news_since_last_week(matchmaking, frozen_clock):
    # The suite's clock stands at 2026-06-10 12:00 (Berlin); a week and a day later the
    # newest introduction like Kempten's is older than the last weekly digest.
    frozen_clock.move_to(berlin("2026-06-18 12:00"))
    assert send_digests(EmailFrequency.WEEKLY) == 0
    assert mail.outbox == []


def test_only_weekly_readers_get_the_line(matchmaking):
    setting, adopter = matchmaking
    adopter.member_profile.email_frequency = EmailFrequency.DAILY
    adopter.member_profile.save()
    send_digests(EmailFrequency.DAILY)
    assert mail.outbox == []
    send_digests(EmailFrequency.WEEKLY)
    assert [message.to for message in mail.outbox] == [[setting.team_member.email]]


def test_the_lines_cost_the_same_queries_for_more_recipients(matchmaking):
    setting, _adopter = matchmaking
    recipients = type(setting.reporter).objects.filter(is_active=True)
    lines_for_recipients(recipients)  # the site's root paths are cached from here on
    with CaptureQueriesContext(connection) as few:
        assert len(lines_for_recipients(recipients)) == 2
    kempten = _adopter.member_profile.municipality
    for name in ("zweite", "dritte", "vierte"):
        weekly(member_of(name, kempten))
    with CaptureQueriesContext(connection) as more:
        assert len(lines_for_recipients(recipients)) == 5
    assert len(more) == len(few) <= 6
