from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Plugin: municipalities, members, peer groups and discussions."""

    name = "community"
    verbose_name = _("Community")

    platform_plugin = True
    requires = ()
    # Sign-in link and unread notifications in the site header.
    context_processors = ["community.context_processors.account"]
    login_url = "community:login"
    login_redirect_url = "community:profile"
    url_module = "community.urls"
    api_endpoints = {
        "municipalities": "community.api.MunicipalitiesAPIViewSet",
        "peer-groups": "community.discussions_api.PeerGroupsAPIViewSet",
        "threads": "community.discussions_api.ThreadsAPIViewSet",
        "working-communities": "community.working_api.WorkingCommunitiesAPIViewSet",
    }
    search_sources = [
        "community.search_sources.PeerGroupSource",
        "community.search_sources.ThreadSource",
        "community.search_sources.PostSource",
    ]
    demo_loader = "community.demo.load_demo_content"
    sitemaps = {"threads": "community.sitemaps.ThreadSitemap",
                "working-communities": "community.sitemaps.WorkingCommunitySitemap"}

    def ready(self) -> None:
        """Connects the signal handlers and registers the page views. The imports are
        made here because these modules import the models, which Django loads only after
        every app's config (the usual place for them in Django)."""
        from community import page_views  # noqa: F401  (registers the page views)
        from community.models import Attachment, DocumentVersion, Membership, PeerGroupPage
        from community.signal_handlers import (
            delete_orphaned_access_group,
            remove_attachment_file,
            revoke_access_of_deleted_membership,
        )

        post_delete.connect(remove_attachment_file, sender=Attachment,
                            dispatch_uid="community.remove_attachment_file")
        post_delete.connect(remove_attachment_file, sender=DocumentVersion,
                            dispatch_uid="community.remove_document_version_file")
        post_delete.connect(revoke_access_of_deleted_membership, sender=Membership,
                            dispatch_uid="community.revoke_access_of_deleted_membership")
        post_delete.connect(delete_orphaned_access_group, sender=PeerGroupPage,
                            dispatch_uid="community.delete_orphaned_access_group")
