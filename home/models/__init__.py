from home.models.pages import HomePage, StandardPage
from home.models.site_settings import SiteSettings
from home.models.snippets import ContactPerson, FooterText, PartnerOrganisation

__all__ = [
    "ContactPerson",
    "FooterText",
    "HomePage",
    "PartnerOrganisation",
    "SiteSettings",
    "StandardPage",
]
