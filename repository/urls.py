"""The repository's routes on the site beside its pages, inside the language prefix."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from repository.adoption_reports import views as adoption_report_views
from repository.experts import views as expert_views
from repository.questions import views as question_views
from repository.reporting.urls import urlpatterns as reporting_urls

app_name = "repository"

urlpatterns = [
    *reporting_urls,
    path(pgettext_lazy("URL path", "solutions/<id:solution_id>/report-adoption/"),
         adoption_report_views.report, name="report_adoption"),
    path(pgettext_lazy("URL path", "experts/"), expert_views.directory, name="experts"),
    path(pgettext_lazy("URL path", "experts/<id:user_id>/contact/"), expert_views.contact,
         name="contact_expert"),
    path(pgettext_lazy("URL path", "solutions/<id:solution_id>/ask/"),
         question_views.ask_question, name="ask_question"),
    path(pgettext_lazy("URL path", "questions/<id:question_id>/"),
         question_views.question_detail, name="question"),
    path(pgettext_lazy("URL path", "questions/<id:question_id>/answer/"),
         question_views.post_answer, name="answer_question"),
    path(pgettext_lazy("URL path", "questions/<id:question_id>/most-helpful/"),
         question_views.choose_helpful, name="choose_helpful"),
    path(pgettext_lazy("URL path", "questions/<id:question_id>/report/"),
         question_views.report, name="report_question"),
]
