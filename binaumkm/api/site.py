"""The REST API (django-ninja) at /api/v1/: open data for anyone, the rest for a signed-in caller
(token or session), every read through the modules' selectors, every error JSON (``errors``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import errors
from .auth import AUTH
from .endpoints import modules, open_data, registry
from .throttles import TokenRate

api = NinjaAPI(
    title="Bina UMKM API",
    version="1",
    description="Data UMKM binaan untuk aplikasi lain. Lihat docs/api.md.",
    urls_namespace="api_v1",
    auth=AUTH,
    throttle=[TokenRate()],
    docs_url=None,  # served at /api/docs (``docs``), from this site's static files
)
errors.install(api)
api.add_router("/open-data", open_data.router)
api.add_router("/registry", registry.router)
api.add_router("/", modules.router)


def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from ninja's bundled static files (no CDN: ``ninja`` is an installed app)."""
    return Swagger().render_page(request, api)
