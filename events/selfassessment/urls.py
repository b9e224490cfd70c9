"""The self-assessment and its result."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from events.selfassessment import views

urlpatterns = [
    path(pgettext_lazy("URL path", "start-smart/self-assessment/"), views.questionnaire,
         name="self_assessment"),
    path(pgettext_lazy("URL path", "start-smart/self-assessment/result/"), views.result,
         name="self_assessment_result"),
]
