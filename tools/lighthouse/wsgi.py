"""The platform as gunicorn serves it, with /media/ (pictures and their renditions) served
in front of it the way the reverse proxy does in production (platform/README.md): the
platform itself serves no media files when DEBUG is off. For the Lighthouse runner only."""

from __future__ import annotations

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as platform

# autorefresh: Wagtail writes an image's renditions when a page first asks for them.
application = WhiteNoise(platform, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL,
                         max_age=3600, autorefresh=True)
