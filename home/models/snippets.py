"""Snippets used across pages: contact people, partner organisations, footer text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.renditions import image_api_representation


class ContactPerson(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def api_representation(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "email": self.email,
            "phone": self.phone,
            "photo": image_api_representation(self.photo),
        }


class PartnerOrganisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("website"),
              FieldPanel("logo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"),
                     index.FilterField("locale")]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("description"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FooterText(TranslatableMixin, models.Model):
    """The footer's text, one per language (translate it like any other snippet)."""

    body = RichTextField(_("footer text"), features=["bold", "italic", "link"])
    hotline_hours = models.CharField(
        _("hotline hours"), max_length=120, blank=True,
        help_text=_("For example: Mon–Fri 9:00–16:00"),
    )

    panels = [FieldPanel("body"), FieldPanel("hotline_hours")]
    translatable_fields = [TranslatableField("body"), TranslatableField("hotline_hours")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")
        constraints = [
            models.UniqueConstraint(fields=["locale"], name="one_footer_text_per_language"),
        ]

    def __str__(self) -> str:
        return str(_("Footer text ({language})")).format(language=self.locale.get_display_name())
