import pytest
from django.contrib.auth.models import Permission

from community.models import FederalState
from tests.community.factories import MunicipalityFactory, make_user
from tests.events.factories import event_calendar
from tests.repository.factories import TopicFactory, english_topic


@pytest.fixture
def calendar(site):
    return event_calendar(site)


@pytest.fixture
def member(db):
    return make_user("teilnehmerin")


@pytest.fixture
def mailbox():
    from django.core import mail

    mail.outbox = []
    return mail.outbox


# Expressions of interest (test_interest*.py)


@pytest.fixture
def ulm(db):
    return MunicipalityFactory(name="Ulm", ags="08421000",
                               federal_state=FederalState.BADEN_WUERTTEMBERG)


@pytest.fixture
def topics(site):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet", sort_order=1)
    energy = TopicFactory(name="Energie", slug="energie", sort_order=2)
    english_topic(mobility, "Mobility")
    english_topic(energy, "Energy")
    return {"mobilitaet": mobility, "energie": energy}


@pytest.fixture
def office(db):
    """A member of the office who triages requests (and nothing else)."""
    user = make_user("buero")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_expressionofinterest"),
        Permission.objects.get(codename="view_expressionofinterest"))
    return user
