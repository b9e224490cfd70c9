"""Topics (fields of action) and the free tags of each content family."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from repository.facets import Facet


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A field of action (mobility, energy, participation, …) that content is filed under.

    The slug is the same in every language, so filters in URLs and the API are shareable
    across languages: `?topic=mobilitaet` finds German and English content alike.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=False,
        help_text=_("Used in addresses and filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"), max_length=7, default="#004b87",
        validators=[RegexValidator(
            r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hex digits."),
        )],
        help_text=_("Accent for the topic's badges, e.g. #004b87."),
    )
    sort_order = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("slug"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
        SynchronizedField("colour"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name

    def api_representation(self) -> dict[str, str]:
        return {"name": self.name, "slug": self.slug}


TOPIC_FACET = Facet("topic", _("Topic"), "topics__slug", value_model=Topic, per_locale=True,
                    many=True)
