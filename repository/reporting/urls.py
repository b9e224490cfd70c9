"""The report form and the list of a member's reports."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from repository.reporting import views

urlpatterns = [
    path(pgettext_lazy("URL path", "reports/"), views.my_reports, name="reports"),
    path(pgettext_lazy("URL path", "reports/<id:report_id>/"), views.report_form,
         name="report"),
]
