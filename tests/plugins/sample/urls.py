from django.http import HttpResponse
from django.urls import path
from django.utils.translation import get_language


def sample_view(request):
    return HttpResponse(f"sample plugin ({get_language()})")


urlpatterns = [path("sample-plugin/", sample_view, name="sample-plugin")]
