"""One tag vocabulary per content family, so that each tag cloud stays meaningful:
a solution's tags are not mixed with a publication's."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class ModelProjectTag(TagBase):
    class Meta:
        verbose_name = _("model project tag")
        verbose_name_plural = _("model project tags")


class TaggedModelProject(ItemBase):
    tag = models.ForeignKey(ModelProjectTag, related_name="tagged_items",
                            on_delete=models.CASCADE)
    content_object = ParentalKey("repository.ModelProjectPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)


class SolutionTag(TagBase):
    class Meta:
        verbose_name = _("solution tag")
        verbose_name_plural = _("solution tags")


class TaggedSolution(ItemBase):
    tag = models.ForeignKey(SolutionTag, related_name="tagged_items", on_delete=models.CASCADE)
    content_object = ParentalKey("repository.SolutionPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)


class PublicationTag(TagBase):
    class Meta:
        verbose_name = _("publication tag")
        verbose_name_plural = _("publication tags")


class TaggedPublication(ItemBase):
    tag = models.ForeignKey(PublicationTag, related_name="tagged_items",
                            on_delete=models.CASCADE)
    content_object = ParentalKey("repository.PublicationPage", related_name="tagged_items",
                                 on_delete=models.CASCADE)
