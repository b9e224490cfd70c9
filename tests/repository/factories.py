import factory
from wagtail.models import Locale

from repository.models import Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))

    class Meta:
        model = Topic


def english_topic(topic: Topic, name: str) -> Topic:
    translation = topic.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.name = name
    translation.save()
    return translation
