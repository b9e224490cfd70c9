"""The expert directory: only members who opted in, what a card shows to whom, contact
through the platform without revealing the address, the rate limit, and who may see it
at all (page and API)."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import ExpertiseTag, Membership, MembershipState
from repository.experts.views import MESSAGES_PER_HOUR
from tests.queries import warm_query_count
from tests.repository.expert_helpers import directory_setup

pytestmark = pytest.mark.django_db

MESSAGE = "Guten Tag, wie haben Sie die Sensoren in Ulm ausgeschrieben? Viele Grüße"


@pytest.fixture
def directory(site):
    return directory_setup(site)


def page(client, **query):
    return client.get(reverse("repository:experts"), query)


def contact_url(user):
    return reverse("repository:contact_expert", args=[user.pk])


def test_the_directory_lists_only_members_who_opted_in(client, directory):
    client.force_login(directory.reader)
    answer = page(client)
    assert answer.status_code == 200
    assert "Ulmteam" in answer.text and "Runner" in answer.text
    assert "Unlisted" not in answer.text
    # What they built and what they run, each under its heading.
    assert "Freie Parkplätze in Echtzeit" in answer.text
    items = client.get("/api/v2/experts/").json()["items"]
    assert [item["name"] for item in items] == ["Runner", "Ulmteam"]
    runner, builder = items
    assert [link["title"] for link in builder["built"]] == ["Freie Parkplätze in Echtzeit"]
    assert builder["runs"] == [] and builder["expertise"] == ["Parken", "Sensorik"]
    assert [link["title"] for link in runner["runs"]] == ["Freie Parkplätze in Echtzeit"]
    assert runner["municipality"]["name"] == "Augsburg"
    assert "@" not in str(items)


def test_search_and_filters_find_the_right_experts(client, directory):
    client.force_login(directory.reader)

    def names(**query):
        return [item["name"] for item in client.get("/api/v2/experts/", query).json()["items"]]

    assert names(q="sensor") == ["Ulmteam"]
    assert names(q="runn") == ["Runner"]
    assert names(tag=ExpertiseTag.objects.get(name="Mobilität").slug) == ["Runner"]
    assert names(state="09") == ["Runner"]
    assert names(size_class="kleinstadt") == ["Runner", "Ulmteam"]
    assert names(size_class="grossstadt") == []
    solution = directory.setting.solution
    topic = solution.topics.first()
    if topic is not None:
        assert set(names(topic=topic.slug)) == {"Runner", "Ulmteam"}
    assert names(topic="nichts-davon") == []
    html = page(client, q="sensor")
    assert "Ulmteam" in html.text and "Runner" not in html.text


def test_the_directory_in_english_names_the_english_solution(client, directory):
    directory.reader.member_profile.language = "en"
    client.force_login(directory.reader)
    items = client.get("/api/v2/experts/", HTTP_ACCEPT_LANGUAGE="en").json()["items"]
    built = next(item for item in items if item["name"] == "Ulmteam")["built"]
    assert [link["title"] for link in built] == ["Free parking spaces in real time"]
    assert built[0]["url"].startswith("/en/")


@pytest.mark.parametrize("query", [{"state": "99"}, {"size_class": "metropole"},
                                   {"page": "0"}, {"page": "zwei"}, {"q": "x" * 101},
                                   {"tag": "kein slug!"}])
def test_bad_filters_answer_400(client, directory, query):
    client.force_login(directory.reader)
    assert client.get("/api/v2/experts/", query).status_code == 400
    if "tag" not in query:
        assert page(client, **query).status_code == 400


@pytest.mark.parametrize("name", ["topic", "tag", "state", "size_class", "page"])
def test_a_parameter_given_blank_is_refused_as_the_schema_says(client, directory, name):
    """The schema gives each filter a minLength, pattern or enum; `?topic=` must not
    quietly mean "any topic" (the form on the site page may send it, the API may not)."""
    client.force_login(directory.reader)
    answer = client.get(f"/api/v2/experts/?{name}=", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    assert answer.json()["errors"] == {name: ["Give this parameter a value or leave it out."]}
    assert page(client, **{name: ""}).status_code == 200


def test_a_page_past_the_last_shows_the_last(client, directory):
    client.force_login(directory.reader)
    answer = client.get("/api/v2/experts/", {"page": 7}).json()
    assert answer["meta"] == {"total_count": 2, "page": 1, "pages": 1}
    assert len(answer["items"]) == 2


def test_anonymous_visitors_cannot_see_the_directory(client, directory):
    answer = page(client)
    assert answer.status_code == 302 and reverse("community:login") in answer["Location"]
    answer = client.get(contact_url(directory.builder))
    assert answer.status_code == 302 and reverse("community:login") in answer["Location"]
    assert client.post(contact_url(directory.builder), {"message": MESSAGE}).status_code == 302
    assert mail.outbox == []
    assert client.get("/api/v2/experts/").status_code in (401, 403)
    assert client.get(f"/api/v2/experts/{directory.builder.pk}/").status_code in (401, 403)


def test_groups_show_only_where_the_reader_may_see_them(client, directory):
    groups = directory.groups

    def shown(user):
        client.force_login(user)
        card = client.get(f"/api/v2/experts/{directory.builder.pk}/").json()
        return {link["title"] for link in card["groups"]}

    assert shown(directory.reader) == {"Gruppe public"}
    html = page(client).text
    assert "Gruppe closed" not in html and "Gruppe secret" not in html
    Membership.objects.create(group=groups["closed"], user=directory.reader,
                              state=MembershipState.ACTIVE)
    Membership.objects.create(group=groups["secret"], user=directory.reader,
                              state=MembershipState.PENDING)
    assert shown(directory.reader) == {"Gruppe public", "Gruppe closed"}
    # The office's editors read the directory as members do: no closed group leaks there.
    assert shown(directory.setting.editor) == {"Gruppe public"}


def test_contact_sends_mail_without_revealing_the_address(client, directory):
    sender = directory.reader
    client.force_login(sender)
    form = client.get(contact_url(directory.builder))
    assert form.status_code == 200
    assert directory.builder.email not in form.text
    answer = client.post(contact_url(directory.builder), {"message": MESSAGE}, follow=True)
    assert answer.status_code == 200
    assert directory.builder.email not in answer.text
    to_expert, copy = mail.outbox
    assert to_expert.to == [directory.builder.email]
    assert to_expert.reply_to == [sender.email]
    assert MESSAGE in to_expert.body
    # In the expert's language (English) and the sender's (German).
    assert "found you in the platform's expert directory" in to_expert.body
    assert copy.to == [sender.email] and copy.reply_to == []
    assert MESSAGE in copy.body and "Kopie" in copy.body
    assert directory.builder.email not in copy.body + copy.subject + str(copy.extra_headers)


@pytest.mark.parametrize("message", ["", "zu kurz", "x" * 2001, "Hallo\x00" * 5])
def test_a_bad_message_gives_the_form_with_errors(client, directory, message):
    client.force_login(directory.reader)
    answer = client.post(contact_url(directory.builder), {"message": message})
    assert answer.status_code == 400
    assert 'class="kern-error"' in answer.text
    assert mail.outbox == []


def test_only_listed_experts_can_be_written_to(client, directory):
    client.force_login(directory.reader)
    assert client.get(contact_url(directory.unlisted)).status_code == 404
    assert client.post(contact_url(directory.unlisted), {"message": MESSAGE}).status_code == 404
    assert client.get("/api/v2/experts/99999/").status_code == 404
    assert client.get(f"/api/v2/experts/{directory.unlisted.pk}/").status_code == 404
    assert mail.outbox == []


def test_writing_to_experts_is_rate_limited(client, directory):
    client.force_login(directory.reader)
    for _ in range(MESSAGES_PER_HOUR):
        assert client.post(contact_url(directory.builder),
                           {"message": MESSAGE}).status_code == 302
    answer = client.post(contact_url(directory.runner), {"message": MESSAGE})
    assert answer.status_code == 429
    assert len(mail.outbox) == 2 * MESSAGES_PER_HOUR


def test_opting_in_on_the_profile(client, directory):
    member = directory.unlisted
    client.force_login(member)
    form = client.get(reverse("community:edit_profile"))
    assert 'name="listed_as_expert"' in form.text
    assert "Unlisted" not in page(client).text
    profile = member.member_profile
    answer = client.post(reverse("community:edit_profile"), {
        "display_name": "Unlisted", "organisation_kind": "municipality",
        "expertise": "Sensorik", "listed_as_expert": "on", "email_visibility": "nobody",
        "phone_visibility": "nobody", "email_frequency": "weekly",
        "language": profile.language})
    assert answer.status_code == 302
    assert "Unlisted" in page(client).text


def test_query_counts_stay_within_the_ceilings(client, directory):
    client.force_login(directory.reader)
    api = warm_query_count(client, "/api/v2/experts/")
    detail = warm_query_count(client, f"/api/v2/experts/{directory.builder.pk}/")
    html = warm_query_count(client, reverse("repository:experts"))
    form = warm_query_count(client, contact_url(directory.builder))
    assert api <= 8 and detail <= 8
    assert html <= 16 and form <= 16
    # More experts with more of everything cost nothing more.
    for name in ("weitere", "andere", "dritte"):
        extra = directory_setup.__globals__["member_of"](name)
        extra.member_profile.listed_as_expert = True
        extra.member_profile.save()
        extra.member_profile.expertise.set([name, "Sensorik"])
        Membership.objects.create(group=directory.groups["public"], user=extra,
                                  state=MembershipState.ACTIVE)
    assert warm_query_count(client, "/api/v2/experts/") == api
    assert warm_query_count(client, reverse("repository:experts")) == html
