"""/api/v2/experts/: the expert directory for signed-in members (a personal API token or
the session); anyone else gets a 401. The same search as the site's page
(repository.experts.directory); an expert's e-mail address is never in it."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community.api_schema import invalid
from community.discussions_api import CommunityAPIMixin
from community.models import MemberProfile
from home.api import MemberActionsMixin
from repository.experts.api_schema import (
    ExpertQuerySerializer,
    expert_schema,
    experts_schema,
)
from repository.experts.directory import (
    ExpertCard,
    ExpertFilters,
    expert_cards,
    expert_page,
    listed_experts,
)


def _links(links: list) -> list[dict[str, Any]]:
    return [{"id": link.id, "title": link.title, "url": link.url} for link in links]


def expert_data(card: ExpertCard) -> dict[str, Any]:
    profile, town = card.profile, card.profile.municipality
    return {
        "id": profile.user_id, "name": profile.display_name, "role": profile.role,
        "organisation": profile.affiliation,
        "municipality": None if town is None else {
            "id": town.pk, "name": town.name, "ags": town.ags,
            "federal_state": town.federal_state, "size_class": town.size_class},
        "expertise": [tag.name for tag in card.expertise],
        "built": _links(card.built), "runs": _links(card.runs), "groups": _links(card.groups),
        "contact_url": reverse("repository:contact_expert", args=[profile.user_id]),
    }


class ExpertsAPIViewSet(MemberActionsMixin, CommunityAPIMixin, BaseAPIViewSet):
    model = MemberProfile
    name = "experts"
    member_actions = frozenset({"listing_view", "detail_view"})

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "listing_view"}), name="listing"),
                path("<id:pk>/", cls.as_view({"get": "detail_view"}), name="detail")]

    @experts_schema
    def listing_view(self, request: Request) -> Response:
        query = ExpertQuerySerializer(data=request.GET)
        if not query.is_valid():
            return invalid(query)
        data = query.validated_data
        filters = ExpertFilters(text=" ".join(data.get("q", "").split()),
                                tag=data.get("tag", ""), federal_state=data.get("state", ""),
                                size_class=data.get("size_class", ""),
                                topic=data.get("topic", ""))
        page = expert_page(request.user, filters, data.get("page", 1),
                           translation.get_language(), request)
        return Response({"meta": {"total_count": page.total, "page": page.number,
                                  "pages": page.pages},
                         "items": [expert_data(card) for card in page.cards]})

    @expert_schema
    def detail_view(self, request: Request, pk: int) -> Response:
        expert = (listed_experts().select_related("user", "municipality")
                  .prefetch_related("expertise").filter(user_id=pk).first())
        if expert is None:
            return Response({"message": _("There is no such expert.")}, status=404)
        card = expert_cards(request.user, [expert], translation.get_language(), request)[0]
        return Response(expert_data(card))
