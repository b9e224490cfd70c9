from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import SocialLinkBlock
from home.content_cache import remember


@register_setting(icon="cogs")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer links that every page shows."""

    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
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
            [FieldPanel("hotline"), FieldPanel("email")],
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

    @classmethod
    def for_site(cls, site):
        """The settings of a site from the cache: every page shows them in its footer."""
        parent = super().for_site
        return remember(("site-settings", site.pk), lambda: parent(site))
