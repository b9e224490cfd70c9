"""Demo content of the community plugin: real municipalities, most of them Model
Projects Smart Cities, with their official keys (AGS); members from several of them;
a public, a closed and a secret peer group in German and English.

Idempotent: a municipality is looked up by its AGS, a member by e-mail address and a
group by its address, and each is left alone when it exists, so a second run changes
nothing and an editor's changes survive. Populations are rounded. Demo members sign in
with the password DEMO_PASSWORD (a local demo only: `make run`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.models import Locale, Page, Site

from community.attachments import storage_name, validate_upload
from community.models import (
    Attachment,
    FederalState,
    GroupVisibility,
    JoinPolicy,
    MemberProfile,
    Membership,
    MembershipRole,
    MembershipState,
    Municipality,
    MunicipalityKind,
    OrganisationKind,
    PeerGroupIndexPage,
    PeerGroupPage,
    Post,
    SizeClass,
    Thread,
)
from home.illustrations import demo_image, scene_alt

Log = Callable[[str], None]
# The groups' illustrations: KERN's blue, a violet and a teal, in turn.
GROUP_COLOURS = ("#2044aa", "#5c3d99", "#00607a")

_MUNICIPALITY = MunicipalityKind.MUNICIPALITY
_DISTRICT = MunicipalityKind.DISTRICT


def _spec(name: str, ags: str, state: FederalState, size_class: SizeClass, population: int,
          latitude: str, longitude: str, website: str, kind: str = _MUNICIPALITY
          ) -> dict[str, Any]:
    return {
        "name": name, "ags": ags, "federal_state": state, "kind": kind,
        "size_class": size_class, "population": population,
        "latitude": Decimal(latitude), "longitude": Decimal(longitude), "website": website,
    }


MUNICIPALITIES = [
    _spec("Hamburg", "02000000", FederalState.HAMBURG, SizeClass.GROSSSTADT, 1_850_000,
          "53.550341", "10.000654", "https://www.hamburg.de"),
    _spec("Leipzig", "14713000", FederalState.SACHSEN, SizeClass.GROSSSTADT, 610_000,
          "51.340632", "12.374733", "https://www.leipzig.de"),
    _spec("Kiel", "01002000", FederalState.SCHLESWIG_HOLSTEIN, SizeClass.GROSSSTADT, 247_000,
          "54.323293", "10.122765", "https://www.kiel.de"),
    _spec("Solingen", "05122000", FederalState.NORDRHEIN_WESTFALEN, SizeClass.GROSSSTADT,
          160_000, "51.171374", "7.083160", "https://www.solingen.de"),
    _spec("Ulm", "08421000", FederalState.BADEN_WUERTTEMBERG, SizeClass.GROSSSTADT, 127_000,
          "48.401082", "9.987608", "https://www.ulm.de"),
    _spec("Wolfsburg", "03103000", FederalState.NIEDERSACHSEN, SizeClass.GROSSSTADT, 125_000,
          "52.422650", "10.786546", "https://www.wolfsburg.de"),
    _spec("Jena", "16053000", FederalState.THUERINGEN, SizeClass.GROSSSTADT, 110_000,
          "50.927054", "11.589237", "https://www.jena.de"),
    _spec("Kaiserslautern", "07312000", FederalState.RHEINLAND_PFALZ, SizeClass.GROSSSTADT,
          101_000, "49.444710", "7.768955", "https://www.kaiserslautern.de"),
    _spec("Gera", "16052000", FederalState.THUERINGEN, SizeClass.MITTELSTADT, 93_000,
          "50.880290", "12.082932", "https://www.gera.de"),
    _spec("Bamberg", "09461000", FederalState.BAYERN, SizeClass.MITTELSTADT, 79_000,
          "49.898814", "10.902764", "https://www.stadt.bamberg.de"),
    _spec("Arnsberg", "05958004", FederalState.NORDRHEIN_WESTFALEN, SizeClass.MITTELSTADT,
          73_000, "51.396767", "8.064363", "https://www.arnsberg.de"),
    _spec("Haßfurt", "09674147", FederalState.BAYERN, SizeClass.KLEINSTADT, 14_000,
          "50.035278", "10.512222", "https://www.hassfurt.de"),
    _spec("Süderbrarup", "01059083", FederalState.SCHLESWIG_HOLSTEIN, SizeClass.LANDGEMEINDE,
          4_100, "54.635000", "9.775000", "https://www.amt-suederbrarup.de"),
    _spec("Kreis Höxter", "05762000", FederalState.NORDRHEIN_WESTFALEN, SizeClass.LANDKREIS,
          140_000, "51.774722", "9.382222", "https://www.kreis-hoexter.de", kind=_DISTRICT),
    _spec("Landkreis Wunsiedel i. Fichtelgebirge", "09479000", FederalState.BAYERN,
          SizeClass.LANDKREIS, 71_000, "50.039444", "12.002778",
          "https://www.landkreis-wunsiedel.de", kind=_DISTRICT),
]


DEMO_PASSWORD = "smartcities-demo"

# e-mail, name, municipality AGS (or organisation), role, expertise
MEMBERS = [
    ("anna.berger@ulm.demo.example", "Anna Berger", "08421000", "Digitalisierungsbeauftragte",
     ["Datenplattform", "Open Data"]),
    ("jonas.keller@bamberg.demo.example", "Jonas Keller", "09461000", "Smart-City-Manager",
     ["Sensorik", "LoRaWAN"]),
    ("maria.jensen@suederbrarup.demo.example", "Maria Jensen", "01059083", "Amtsverwaltung",
     ["E-Government"]),
    ("tobias.wagner@jena.demo.example", "Tobias Wagner", "16053000", "Datenstrategie",
     ["Datenplattform", "Datenschutz"]),
    ("lea.schmidt@hoexter.demo.example", "Lea Schmidt", "05762000", "Kreisentwicklung",
     ["Ländlicher Raum", "Mobilität"]),
    ("katrin.vogel@kts.demo.example", "Katrin Vogel", "Koordinierungs- und Transferstelle",
     "Community-Management", ["Moderation", "Wissenstransfer"]),
]

# slug, German title, English title/slug, topic (de, en), description (de, en),
# visibility, joining, [(member e-mail, role, state)]
GROUPS = [
    ("digitale-verwaltung-land", "Digitale Verwaltung im ländlichen Raum",
     ("Digital administration in rural areas", "digital-administration-rural"),
     ("E-Government", "E-government"),
     ("<p>Kleine Kommunen tauschen sich über Onlinedienste, das OZG und gemeinsame "
      "Verwaltungsplattformen aus.</p>",
      "<p>Small municipalities share experience with online services, the Online Access "
      "Act and shared administration platforms.</p>"),
     GroupVisibility.PUBLIC, JoinPolicy.OPEN,
     [("katrin.vogel@kts.demo.example", MembershipRole.MODERATOR, MembershipState.ACTIVE),
      ("maria.jensen@suederbrarup.demo.example", MembershipRole.MEMBER,
       MembershipState.ACTIVE),
      ("lea.schmidt@hoexter.demo.example", MembershipRole.MEMBER, MembershipState.ACTIVE)]),
    ("urbane-datenplattformen", "Urbane Datenplattformen",
     ("Urban data platforms", "urban-data-platforms"),
     ("Urbane Daten", "Urban data"),
     ("<p>Arbeitsgemeinschaft der Modellprojekte zu Architektur, Betrieb und Governance "
      "urbaner Datenplattformen.</p>",
      "<p>Working group of the model projects on the architecture, operation and "
      "governance of urban data platforms.</p>"),
     GroupVisibility.CLOSED, JoinPolicy.REQUEST,
     [("anna.berger@ulm.demo.example", MembershipRole.MODERATOR, MembershipState.ACTIVE),
      ("tobias.wagner@jena.demo.example", MembershipRole.MEMBER, MembershipState.ACTIVE),
      ("jonas.keller@bamberg.demo.example", MembershipRole.MEMBER, MembershipState.PENDING)]),
    ("steuerungsgruppe-datenstrategie", "Steuerungsgruppe Datenstrategie",
     ("Data strategy steering group", "data-strategy-steering-group"),
     ("Datenstrategie", "Data strategy"),
     ("<p>Vertrauliche Abstimmung der Entwürfe für eine gemeinsame Datenstrategie.</p>",
      "<p>Confidential coordination of the drafts for a joint data strategy.</p>"),
     GroupVisibility.SECRET, JoinPolicy.INVITATION,
     [("katrin.vogel@kts.demo.example", MembershipRole.MODERATOR, MembershipState.ACTIVE),
      ("tobias.wagner@jena.demo.example", MembershipRole.MEMBER, MembershipState.ACTIVE)]),
]


# Threads per group address: title, [(author e-mail, Markdown text)], German and English.
THREADS = {
    "digitale-verwaltung-land": [
        ("Welche Onlinedienste zuerst?", [
            ("maria.jensen@suederbrarup.demo.example",
             "Wir sind ein Amt mit zwölf Gemeinden. Mit welchen **Onlinediensten** habt ihr "
             "angefangen, damit sich der Aufwand schnell lohnt?"),
            ("lea.schmidt@hoexter.demo.example",
             "Bei uns: Wohngeld, Meldebescheinigung und Kita-Anmeldung. Die Handreichung "
             "des BBSR hat geholfen: [Die digitale Stadt gestalten](https://www.bbsr.bund.de)."),
            ("katrin.vogel@kts.demo.example",
             "Guter Hinweis! Im nächsten Peer-Learning zur Verwaltungsdigitalisierung greifen "
             "wir das Thema auf."),
        ]),
        ("Sharing shared services across districts", [
            ("lea.schmidt@hoexter.demo.example",
             "Has anyone shared a service desk *across district borders*? We would like to "
             "learn from your contracts."),
        ]),
    ],
    "urbane-datenplattformen": [
        ("Betriebsmodell der Datenplattform", [
            ("anna.berger@ulm.demo.example",
             "Wir stellen unser Betriebsmodell vor:\n\n- Stadtwerke betreiben\n"
             "- die Stadt steuert\n- offene Schnittstellen (FIWARE)"),
            ("tobias.wagner@jena.demo.example",
             "Danke! Wie regelt ihr die Kosten zwischen Stadt und Stadtwerken?"),
        ]),
    ],
    "steuerungsgruppe-datenstrategie": [
        ("Entwurf 0.3 der Datenstrategie", [
            ("katrin.vogel@kts.demo.example",
             "Der Entwurf 0.3 liegt bei; bitte Rückmeldungen bis Freitag."),
            ("tobias.wagner@jena.demo.example", "Kapitel 4 (Datenräume) haben wir kommentiert."),
        ]),
    ],
}


# Files attached to the first post of a thread: thread title → (file name, content).
FILES = {
    "Entwurf 0.3 der Datenstrategie": ("Datenstrategie-Entwurf-0.3.md", (
        "# Gemeinsame Datenstrategie – Entwurf 0.3\n\n"
        "1. Ziele und Grundsätze\n2. Rollen und Verantwortung\n3. Datenqualität\n"
        "4. Datenräume und Schnittstellen\n5. Fahrplan 2027\n").encode()),
}


def load_demo_content(log: Log = print) -> None:
    load_municipalities(log)
    members = _members(log)
    home = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if home is None:
        log("no default site: demo peer groups skipped")
        return
    _peer_groups(home.root_page.specific, members, log)


def _members(log: Log) -> dict[str, Any]:
    users = {}
    municipalities = {m.ags: m for m in Municipality.objects.all()}
    model = get_user_model()
    for email, name, place, role, expertise in MEMBERS:
        user = model.objects.filter(email=email).first()
        if user is None:
            user = model.objects.create_user(username=email, email=email,
                                             password=DEMO_PASSWORD)
            municipality = municipalities.get(place)
            profile = MemberProfile.objects.create(
                user=user, display_name=name, role=role, municipality=municipality,
                organisation_kind=(OrganisationKind.MUNICIPALITY if municipality
                                   else OrganisationKind.OFFICE),
                organisation="" if municipality else place)
            profile.expertise.set(expertise)
            log(f"created member “{name}” ({email})")
        users[email] = user
    return users


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
    for slug, title, (title_en, slug_en), (topic, topic_en), (text, text_en), visibility, \
            policy, memberships in GROUPS:
        group = index.get_children().filter(slug=slug).first()
        if group is None:
            group = index.add_child(instance=PeerGroupPage(
                title=title, slug=slug, topic=topic, description=text, visibility=visibility,
                join_policy=policy, locale_id=index.locale_id,
                image=demo_image(title, "people", GROUP_COLOURS[len(slug) % 3]),
                image_alt=scene_alt("people", (topic, topic_en))["de"]))
            publish_page(group)
            log(f"created peer group “{title}”")
            group = group.specific
            for email, role, state in memberships:
                Membership.objects.create(group=group, user=members[email], role=role,
                                          state=state)
            for title_text, posts in THREADS.get(slug, []):
                thread = Thread.objects.create(group=group, title=title_text,
                                               author=members[posts[0][0]])
                for number, (email, body) in enumerate(posts):
                    post = Post.objects.create(thread=thread, author=members[email],
                                               body=body)
                    if number == 0 and title_text in FILES:
                        _attach(post, *FILES[title_text])
        group = group.specific
        if english:
            translate_page(group, english, title=title_en, slug=slug_en, topic=topic_en,
                         description=text_en,
                         image_alt=scene_alt("people", (topic, topic_en))["en"])


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
    existing = set(
        Municipality.objects.filter(ags__in=[spec["ags"] for spec in MUNICIPALITIES])
        .values_list("ags", flat=True)
    )
    for spec in MUNICIPALITIES:
        if spec["ags"] in existing:
            continue
        municipality = Municipality(**spec)
        municipality.full_clean()
        municipality.save()
        log(f"created municipality “{municipality.name}” ({municipality.ags})")
