"""The Akademie in the admin: an entry in the Start Smart menu for the office's cohorts,
and their URLs."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from academy import admin
from events.wagtail_hooks import START_SMART_MENU_HOOK


class CohortsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return admin.may_see_cohorts(request.user)


@hooks.register(START_SMART_MENU_HOOK)
def cohorts_menu_item() -> MenuItem:
    return CohortsMenuItem(_("Akademie: cohorts"), reverse("academy_admin:cohorts"),
                           name="academy-cohorts", icon_name="group", order=900)


@hooks.register("register_admin_urls")
def academy_admin_urls() -> list:
    urls = [
        path("", admin.CohortsView.as_view(), name="cohorts"),
        path("<int:page_id>/", admin.CohortView.as_view(), name="cohort"),
        path("<int:page_id>/export.<str:file_format>", admin.export_cohort, name="export"),
    ]
    return [path("academy/", include((urls, "academy_admin"), namespace="academy_admin"))]
