from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from news import home_slots


@hooks.register("register_featured_slot")
def latest_news_slot():
    return "latest_news", _("Latest news"), home_slots.latest_news
