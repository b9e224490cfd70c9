"""The office's matchmaking list: municipalities that asked for help on a topic × the
model-project teams that solved it, ranked with why, as CSV, for the office only."""

import pytest

from events.models import InterestStatus
from events.selfassessment.models import SelfAssessment
from tests.community.factories import MunicipalityFactory, make_user
from tests.events.interest_helpers import make_interest
from tests.repository.adoption_helpers import reporting_setup
from tests.repository.factories import TopicFactory

pytestmark = pytest.mark.django_db

URL = "/admin/start-smart/matchmaking/"


@pytest.fixture
def asked(site):
    setting = reporting_setup(site)
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    energy = TopicFactory(name="Energie", slug="energie")
    setting.solution.topics.set([mobility])
    setting.solution.save_revision().publish()
    # A small town like Ulm's (the factory's default class) in the same state asks on
    # mobility; a city in Bavaria asks on mobility and energy; a declined request and a
    # request on energy alone (no team solved it) make no pair.
    near = MunicipalityFactory(name="Ehingen", ags="08425033")
    far = MunicipalityFactory(name="Regensburg", ags="09362000", federal_state="09",
                              size_class="grossstadt")
    make_interest(near, [mobility], federal_state="08")
    make_interest(far, [mobility, energy], federal_state="09")
    declined = make_interest(MunicipalityFactory(name="Abgelehnt", ags="08999777"),
                             [mobility], federal_state="08")
    declined.status = InterestStatus.DECLINED
    declined.save()
    make_interest(MunicipalityFactory(name="Nur Energie", ags="08999778"), [energy],
                  federal_state="08")
    # A member's self-assessment with mobility among its fields of action.
    SelfAssessment.objects.create(user=make_user("selbst"), answers={"topics": ["mobilitaet"]},
                                  score=3, municipality=MunicipalityFactory(
                                      name="Biberach", ags="08426021"))
    return setting


def test_the_office_sees_ranked_pairs_with_why(editor_client, asked):
    answer = editor_client.get(URL)
    assert answer.status_code == 200
    text = answer.content.decode()
    for name in ("Ehingen", "Regensburg", "Biberach", "Zukunftsstadt Ulm"):
        assert name in text
    assert "Abgelehnt" not in text and "Nur Energie" not in text
    # Like Ulm and in its state: before the Bavarian city.
    assert text.index("Ehingen") < text.index("Regensburg")
    assert "Freie Parkplätze in Echtzeit" in text


def test_the_pairs_download_as_csv(editor_client, asked):
    answer = editor_client.get(URL, {"export": "csv"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = answer.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 4
    assert rows[1].split(";")[1] in ("Ehingen", "Biberach")
    assert editor_client.get(URL, {"export": "pdf"}).status_code == 404


def test_only_the_office_sees_the_pairs(client, asked):
    assert client.get(URL).status_code == 302
    client.force_login(asked.team_member)
    assert client.get(URL).status_code in (302, 403)
    client.force_login(asked.plain_member)
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)
