"""Fixtures the repository's tests share."""

import pytest

from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionIndexPageFactory,
)
from tests.repository.reporting_helpers import reporting_setup


@pytest.fixture
def catalogue(site):
    """Two model projects (Bavaria, Baden-Württemberg) and a solution index page."""
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    bamberg = publish(ModelProjectPageFactory(
        parent=projects, title="Smart City Bamberg", slug="bamberg", funding_phase=1,
        municipality=MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09",
                                         size_class="mittelstadt", population=78_000)))
    ulm = publish(ModelProjectPageFactory(
        parent=projects, title="Zukunftsstadt Ulm", slug="ulm", funding_phase=2,
        municipality=MunicipalityFactory(name="Ulm", ags="08421000", size_class="grossstadt",
                                         population=128_000)))
    index = publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen",
                                             title="Lösungen"))
    return {"bamberg": bamberg, "ulm": ulm, "index": index, "projects": projects}


@pytest.fixture
def reporting(catalogue):
    """A round open since the day before yesterday, due in ten days, for the two projects
    of the catalogue: Bamberg with two solutions (one on mobility, which has two
    indicators), Ulm with one; a lead and a contributor in Bamberg's team, a lead in
    Ulm's, a plain member and an editor of the office."""
    return reporting_setup(catalogue)
