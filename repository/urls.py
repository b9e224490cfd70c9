"""The repository's routes on the site beside its pages, inside the language prefix."""

from repository.reporting.urls import urlpatterns as reporting_urls

app_name = "repository"

urlpatterns = [*reporting_urls]
