from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale


class SampleLocalesAPIViewSet(BaseAPIViewSet):
    model = Locale
    body_fields = [*BaseAPIViewSet.body_fields, "language_code"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "language_code"]
