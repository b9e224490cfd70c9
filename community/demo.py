"""Demo content of the community plugin: real municipalities, most of them Model
Projects Smart Cities, with their official keys (AGS); members from several of them;
a public, two closed and a secret peer group in German and English; one closed group is a
working community with its documents, meetings and decisions (community.demo_working).

The content is data (``demo_content.yaml`` beside this module); this module loads it.

Idempotent: a municipality is looked up by its AGS, a member by e-mail address and a
group by its address, and each is left alone when it exists, so a second run changes
nothing and an editor's changes survive. Populations are rounded. Demo members sign in
with the password DEMO_PASSWORD (a local demo only: `make run`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from community.attachments import storage_name, validate_upload
from community.demo_working import load_workspace
from community.discussions import thread_url
from community.models import (
    Attachment,
    FederalState,
    MemberProfile,
    Membership,
    MembershipState,
    Municipality,
    MunicipalityKind,
    Notification,
    NotificationKind,
    OrganisationKind,
    PeerGroupIndexPage,
    PeerGroupPage,
    Post,
    Thread,
)
from community.notifications import follow, language_of
from home.illustrations import demo_image, scene_alt

Log = Callable[[str], None]
# The groups' illustrations: KERN's blue, a violet and a teal, in turn.
GROUP_COLOURS = ("#2044aa", "#5c3d99", "#00607a")

CONTENT_FILE = Path(__file__).with_name("demo_content.yaml")
DEMO_PASSWORD = "smartcities-demo"


@functools.cache
def demo_content() -> dict[str, Any]:
    """The demo's data (``demo_content.yaml`` beside this module)."""
    return yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))


def municipality_specs() -> list[dict[str, Any]]:
    """The demo municipalities as model fields."""
    return [{
        **spec,
        "federal_state": FederalState(spec["ags"][:2]),
        "kind": spec.get("kind", MunicipalityKind.MUNICIPALITY),
        "latitude": Decimal(spec["latitude"]), "longitude": Decimal(spec["longitude"]),
    } for spec in demo_content()["municipalities"]]


def load_demo_content(log: Log = print) -> None:
    load_municipalities(log)
    members = _members(log)
    home = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if home is None:
        log("no default site: demo peer groups skipped")
        return
    _peer_groups(home.root_page.specific, members, log)
    _experts(members, log)
    _waiting_for_members(members, log)


def _members(log: Log) -> dict[str, Any]:
    users = {}
    municipalities = {m.ags: m for m in Municipality.objects.all()}
    model = get_user_model()
    for spec in demo_content()["members"]:
        email, name, place = spec["email"], spec["name"], spec["place"]
        user = model.objects.filter(email=email).first()
        if user is None:
            user = model.objects.create_user(username=email, email=email,
                                             password=DEMO_PASSWORD)
            municipality = municipalities.get(place)
            profile = MemberProfile.objects.create(
                user=user, display_name=name, role=spec["role"], municipality=municipality,
                organisation_kind=spec.get("organisation_kind") or (
                    OrganisationKind.MUNICIPALITY if municipality else OrganisationKind.OFFICE),
                organisation=spec.get("organisation", "" if municipality else place))
            profile.expertise.set(spec["expertise"])
            log(f"created member “{name}” ({email})")
        users[email] = user
    return users


def _experts(members: dict[str, Any], log: Log) -> None:
    """Members listed in the expert directory, with a profile in their own language;
    an existing demo gets them too (a member who left the directory stays out of it
    only until the demo is loaded again, which a demo may do)."""
    for spec in demo_content()["members"]:
        expert = spec.get("expert")
        profile = MemberProfile.objects.filter(user=members[spec["email"]]).first()
        if expert is None or profile is None or profile.listed_as_expert:
            continue
        profile.listed_as_expert, profile.bio = True, " ".join(expert["bio"].split())
        profile.language = expert["language"]
        profile.save(update_fields=["listed_as_expert", "bio", "language"])
        log(f"listed “{profile.display_name}” in the expert directory")


def _waiting_for_members(members: dict[str, Any], log: Log) -> None:
    """A request to join a group that waits for its moderator, and an unread
    notification from a followed group, for the members whose spec names them; each
    only where the member has none yet."""
    groups = {group.slug: group for group in PeerGroupPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE)}
    for spec in demo_content()["members"]:
        user = members[spec["email"]]
        for slug in spec.get("requests_to_join", []):
            group = groups.get(slug)
            if group is not None and not Membership.objects.filter(group=group,
                                                                   user=user).exists():
                Membership.objects.create(group=group, user=user,
                                          state=MembershipState.PENDING)
                log(f"{spec['name']} asks to join “{group.title}”")
        for wanted in spec.get("follows", []):
            group = groups.get(wanted["group"])
            thread = group and group.threads.filter(title=wanted["thread"]).first()
            if thread is None or Notification.objects.filter(recipient=user).exists():
                continue
            follow(user, group=group)
            post = thread.posts.order_by("-created_at").first()
            with translation.override(language_of(user)):
                text = _("%(author)s replied in “%(thread)s”") % {
                    "author": post.author.member_profile.display_name, "thread": thread.title}
                url = thread_url(thread) + f"#post-{post.pk}"
            # Marked as e-mailed: loading the demo sends no mail.
            Notification.objects.create(
                recipient=user, kind=NotificationKind.REPLY, group=group, thread=thread,
                post=post, text=text[:300], url=url, emailed_at=timezone.now())
            log(f"notified {spec['name']} of a reply in “{thread.title}”")


def _peer_groups(home: Page, members: dict[str, Any], log: Log) -> None:
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and home.get_translation_or_none(english) is None:
        english = None  # no English home page to hang translations under
    index = home.get_children().filter(slug="peergruppen").first()
    if index is None:
        index = home.add_child(instance=PeerGroupIndexPage(
            title="Peergruppen", slug="peergruppen", show_in_menus=True,
            locale_id=home.locale_id,
            intro="Kommunen tauschen sich in Arbeitsgruppen zu ihren Themen aus."))
        publish_page(index)
        log("created page “Peergruppen”")
    index = index.specific
    if english:
        translate_page(index, english, title="Peer groups", slug="peer-groups",
                     intro="Municipalities exchange experience in working groups.")
    files = {spec["thread"]: spec for spec in demo_content()["files"]}
    for spec in demo_content()["groups"]:
        title, topic = spec["title"], spec["topic"]
        group = index.get_children().filter(slug=spec["slug"]).first()
        if group is None:
            group = index.add_child(instance=PeerGroupPage(
                title=title["de"], slug=spec["slug"], topic=topic["de"],
                description=spec["description"]["de"], visibility=spec["visibility"],
                join_policy=spec["join_policy"], locale_id=index.locale_id,
                is_working_community=spec.get("working_community", False),
                works_on=spec.get("works_on", {}).get("de", ""),
                image=demo_image(title["de"], "people",
                                 GROUP_COLOURS[len(spec["slug"]) % 3]),
                image_alt=scene_alt("people", (topic["de"], topic["en"]))["de"]))
            publish_page(group)
            log(f"created peer group “{title['de']}”")
            _discussions(group.specific, spec, members, files)
        group = group.specific
        if english:
            translate_page(group, english, title=title["en"], slug=spec["slug_en"],
                           topic=topic["en"], description=spec["description"]["en"],
                           works_on=spec.get("works_on", {}).get("en", ""),
                           image_alt=scene_alt("people", (topic["de"], topic["en"]))["en"])


def _discussions(group: PeerGroupPage, spec: dict[str, Any], members: dict[str, Any],
                 files: dict[str, dict[str, str]]) -> None:
    for membership in spec["memberships"]:
        Membership.objects.create(group=group, user=members[membership["email"]],
                                  role=membership["role"], state=membership["state"],
                                  named_publicly=membership.get("named_publicly", False))
    if "workspace" in spec:
        load_workspace(group, spec["workspace"], members)
    for thread_spec in spec.get("threads", []):
        posts = thread_spec["posts"]
        thread = Thread.objects.create(group=group, title=thread_spec["title"],
                                       author=members[posts[0]["author"]])
        for number, post_spec in enumerate(posts):
            post = Post.objects.create(thread=thread, author=members[post_spec["author"]],
                                       body=post_spec["text"])
            # Whoever writes in a thread follows it, as posting on the site does (the demo
            # writes its posts directly, so that loading it sends no e-mail).
            follow(post.author, thread=thread)
            attached = files.get(thread_spec["title"])
            if number == 0 and attached:
                _attach(post, attached["name"], attached["content"].encode())


def _attach(post: Post, name: str, content: bytes) -> None:
    kind = validate_upload(io.BytesIO(content), name, len(content))
    attachment = Attachment(post=post, name=name, content_type=kind.content_type,
                            size=len(content))
    attachment.file.save(storage_name(kind), ContentFile(content), save=True)


def publish_page(page: Page) -> None:
    page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    page.save_revision().publish()


def translate_page(source: Page, english: Locale, **fields: Any) -> bool:
    """The English translation, made from the demo's own text (an alias that tree
    synchronisation made meanwhile becomes a real translation). False when a real
    translation existed and was left alone."""
    existing = source.get_translation_or_none(english)
    if existing is None:
        german_slug, source.slug = source.slug, fields["slug"]
        try:
            page = source.copy_for_translation(english)
        finally:
            source.slug = german_slug
    else:
        page = existing.specific
        if page.alias_of_id is None:
            return False
        page.alias_of = None
        page.save(update_fields=["alias_of"])
    for name, value in fields.items():
        setattr(page, name, value)
    publish_page(page)
    return True


def load_municipalities(log: Log = print) -> None:
    specs = municipality_specs()
    existing = set(
        Municipality.objects.filter(ags__in=[spec["ags"] for spec in specs])
        .values_list("ags", flat=True)
    )
    for spec in specs:
        if spec["ags"] in existing:
            continue
        municipality = Municipality(**spec)
        municipality.full_clean()
        municipality.save()
        log(f"created municipality “{municipality.name}” ({municipality.ags})")
