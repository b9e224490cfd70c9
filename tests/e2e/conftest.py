"""Fixtures the browser tests share."""

import pytest

from tests.community.factories import MunicipalityFactory
from tests.home.factories import bilingual_site, publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
    TopicFactory,
)


@pytest.fixture
def solutions_server(live_server):
    site = bilingual_site()
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    ulm = publish(ModelProjectPageFactory(
        parent=projects, title="Zukunftsstadt Ulm", slug="ulm",
        municipality=MunicipalityFactory(name="Ulm", ags="08421000", size_class="grossstadt")))
    publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen", title="Lösungen"))
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    parking = SolutionPageFactory(parent=ulm, model_project=ulm, slug="parken",
                                  title="Freie Parkplätze in Echtzeit", maturity="operation")
    parking.topics.add(mobility)
    publish(parking)
    publish(SolutionPageFactory(parent=ulm, model_project=ulm, slug="akte",
                                title="Digitale Bauakte", maturity="pilot"))
    return live_server.url
