"""The learner's progress, the certificate download and the public verification."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from academy import views

app_name = "academy"

urlpatterns = [
    path(pgettext_lazy("URL path", "academy/my-progress/"), views.progress, name="progress"),
    path(pgettext_lazy("URL path", "academy/certificates/<str:code>.pdf"), views.download,
         name="download"),
    path(pgettext_lazy("URL path", "academy/certificates/<str:code>/"), views.verify,
         name="verify"),
]
