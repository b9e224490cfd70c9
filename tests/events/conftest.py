import pytest

from tests.community.conftest import make_user
from tests.events.factories import event_calendar


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
