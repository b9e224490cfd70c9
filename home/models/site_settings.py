from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

SOCIAL_NETWORKS = [
    ("mastodon", "Mastodon"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("bluesky", "Bluesky"),
    ("other", _("Other")),
]


class SocialLinkValue(blocks.StructValue):
    def display_name(self) -> str:
        return self.get("label") or str(dict(SOCIAL_NETWORKS).get(self.get("network"), ""))


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(label=_("Network"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=60,
        help_text=_("Shown instead of the network's name, e.g. for “Other”."),
    )

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue


@register_setting(icon="cogs")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer links that every page shows."""

    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
    hotline_hours = models.CharField(
        _("hotline hours"), max_length=120, blank=True,
        help_text=_("For example: Mon–Fri 9:00–16:00"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True,
    )
    imprint_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("imprint page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("privacy page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("accessibility statement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("hotline_hours"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [FieldPanel("imprint_page"), FieldPanel("privacy_page"),
             FieldPanel("accessibility_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
