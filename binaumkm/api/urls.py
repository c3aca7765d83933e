from django.urls import path, re_path

from .errors import not_found
from .site import docs
from .views import tokens

app_name = "api"
urlpatterns = [
    path("api/docs", docs, name="docs"),
    path("akun/token-api/", tokens, name="tokens"),
    # Anything else under /api/ answers as the API does: JSON, never an HTML page.
    re_path(r"^api/", not_found, name="not_found"),
]
