"""The programme's routes on the site, inside the language prefix; each part of the
programme keeps its own (the names are all in the ``events`` namespace)."""

from events.interest.urls import urlpatterns as interest_urls
from events.newsletter.urls import urlpatterns as newsletter_urls
from events.registrations.urls import urlpatterns as registration_urls
from events.selfassessment.urls import urlpatterns as self_assessment_urls

app_name = "events"

urlpatterns = [*registration_urls, *interest_urls, *newsletter_urls,
               *self_assessment_urls]
