"""The news' own tag vocabulary, apart from the repository's (a solution's tags are not
a press release's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class NewsTag(TagBase):
    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")


class TaggedNewsArticle(ItemBase):
    tag = models.ForeignKey(NewsTag, related_name="tagged_items", on_delete=models.CASCADE)
    content_object = ParentalKey("news.NewsArticlePage", related_name="tagged_items",
                                 on_delete=models.CASCADE)
