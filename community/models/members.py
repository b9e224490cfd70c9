"""Members: a person's profile beside Django's user (accounts are Django's own auth:
e-mail confirmation, log-in throttling, export and deletion are ours, see
community/accounts.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from community.models.notifications import EmailFrequency


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    MODEL_PROJECT = "model_project", _("Model project")
    OFFICE = "office", _("Coordination and transfer office")
    PARTNER = "partner", _("Partner organisation")
    OTHER = "other", _("Other")


class ContactVisibility(models.TextChoices):
    NOBODY = "nobody", _("Nobody")
    GROUPS = "groups", _("Members of my peer groups")
    MEMBERS = "members", _("All signed-in members")


class ExpertiseTag(TagBase):
    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")


class TaggedExpertise(ItemBase):
    tag = models.ForeignKey(ExpertiseTag, related_name="tagged_profiles",
                            on_delete=models.CASCADE)
    content_object = ParentalKey("community.MemberProfile", related_name="tagged_expertise",
                                 on_delete=models.CASCADE)


class MemberProfile(ClusterableModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="member_profile")
    display_name = models.CharField(_("name"), max_length=100)
    organisation_kind = models.CharField(_("I work for"), max_length=20,
                                         choices=OrganisationKind.choices,
                                         default=OrganisationKind.MUNICIPALITY)
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="members")
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("The model project, office or partner organisation, if not a "
                    "municipality."))
    role = models.CharField(_("role"), max_length=120, blank=True)
    expertise = TaggableManager(verbose_name=_("expertise"), through=TaggedExpertise,
                                blank=True)
    # Off until the member chooses it: the directory shows name, expertise, municipality,
    # solutions and groups to every signed-in member (the address never; contact goes
    # through the platform's form).
    listed_as_expert = models.BooleanField(
        _("list me in the expert directory"), default=False,
        help_text=_("Signed-in members then find you by your expertise and can write to "
                    "you through the platform; your e-mail address stays hidden."))
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_visibility = models.CharField(_("who sees my e-mail address"), max_length=10,
                                        choices=ContactVisibility.choices,
                                        default=ContactVisibility.NOBODY)
    phone_visibility = models.CharField(_("who sees my phone number"), max_length=10,
                                        choices=ContactVisibility.choices,
                                        default=ContactVisibility.NOBODY)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    email_frequency = models.CharField(
        _("e-mails about my groups and threads"), max_length=12,
        choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATELY)
    language = models.CharField(
        _("language of e-mails and notifications"), max_length=8,
        choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        return self.display_name

    @property
    def affiliation(self) -> str:
        if self.organisation_kind == OrganisationKind.MUNICIPALITY and self.municipality:
            return self.municipality.name
        return self.organisation
