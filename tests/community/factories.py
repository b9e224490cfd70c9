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


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A small town in Baden-Württemberg with a key of its own (08 999 nnn)."""

    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    ags = factory.Sequence(lambda n: f"08999{n:03d}")
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
