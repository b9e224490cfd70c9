from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from community.models import (
    FederalState,
    MemberProfile,
    Municipality,
    MunicipalityKind,
    SizeClass,
)
from community.models.municipalities import fold_name


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A small town in Baden-Württemberg with a key of its own (089 nnnnn).

    The key has exactly eight digits, so the sequence keeps five of its own: a test worker
    creates well over a thousand municipalities in one run, and three digits overflowed
    the column (PostgreSQL refuses the ninth digit; SQLite silently stored it)."""

    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    ags = factory.Sequence(lambda n: f"089{n % 100_000:05d}")
    federal_state = FederalState.BADEN_WUERTTEMBERG
    kind = MunicipalityKind.MUNICIPALITY
    size_class = SizeClass.KLEINSTADT
    population = 12_000
    latitude = Decimal("48.500000")
    longitude = Decimal("9.000000")
    website = factory.LazyAttribute(lambda m: f"https://www.musterstadt-{m.ags}.example")

    class Meta:
        model = Municipality
        django_get_or_create = ("ags",)


def make_user(name: str):
    user = get_user_model().objects.create_user(f"{name}@demo.example",
                                                f"{name}@demo.example", "geheim-123")
    MemberProfile.objects.create(user=user, display_name=name.title())
    return user


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


GENERATED_PREFIXES = ("", "Alt", "Neu", "Ober", "Unter", "Groß", "Klein", "Bad ", "Sankt ")
GENERATED_ROOTS = ("Lin", "Ros", "Wal", "Eich", "Mühl", "Stein", "Birk", "Kirch", "Holz",
                   "Sonn", "Ahl", "Tann")
GENERATED_ENDINGS = ("berg", "dorf", "feld", "hausen", "heim", "stadt", "bach", "au",
                     "burg", "hagen", "ingen", "rode", "wald", "see")
GENERATED_ADDITIONS = ("", " am See", " im Wald", " an der Aue", " bei Ulm", " in der Heide",
                       " am Rhein", " an der Weide")


def generated_municipalities(count: int) -> list[Municipality]:
    """``count`` unsaved municipalities with made-up German names (none named like a
    real city the tests look for), keys 'SS9nnnnn' across the 16 states and at most
    10,000 inhabitants, for bulk_create: the size of Germany's list."""
    states = list(FederalState)
    names = [f"{prefix}{root.lower() if prefix and not prefix.endswith(' ') else root}"
             f"{ending}{addition}"
             for addition in GENERATED_ADDITIONS for prefix in GENERATED_PREFIXES
             for root in GENERATED_ROOTS for ending in GENERATED_ENDINGS]
    return [Municipality(name=names[n % len(names)], ags=f"{states[n % 16].value}9{n:05d}",
                         search_name=fold_name(names[n % len(names)]),
                         federal_state=states[n % 16], population=500 + (n * 37) % 9_500)
            for n in range(count)]


def unsaved_municipality(**fields) -> Municipality:
    """A municipality for bulk_create, with the search name save() would give it."""
    return Municipality(search_name=fold_name(fields["name"]), **fields)
