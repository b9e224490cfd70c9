from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("suche/", views.search_page, name="search"),
]
