"""The site's URLs plus the bare view the web benchmark compares pages with (never deployed)."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site


def bare(request):
    """Nothing but Django and the middleware: the ceiling a page is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/kosong/", bare, name="bench_bare"), *site]
