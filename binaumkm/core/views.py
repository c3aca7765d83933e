from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from . import policy
from .net import is_loopback

# The permission every agency account holds (accounts.roles.AGENCY_PERMISSION; core imports no app).
AGENCY_PERMISSION = "accounts.agency_account"


@require_GET
@never_cache
def healthz(request):
    """Liveness for monitoring. The public learns only ``{"status": "ok"}`` (or ``"error"``, 503);
    which database answers, and how it failed, only a signed-in agency account or a request from
    the server itself (loopback, not forwarded by the proxy) is told."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        ok = True
    except Exception as exc:  # noqa: BLE001 - report any database failure as unhealthy
        database = {"status": "error", "error": exc.__class__.__name__}
        ok = False
    body: dict[str, object] = {"status": "ok" if ok else "error"}
    if is_loopback(request) or policy.holds(request.user, AGENCY_PERMISSION):
        body["database"] = database
    return JsonResponse(body, status=200 if ok else 503)


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """The web app manifest: owners can "add to home screen" on their phones. Named from the
    agency settings, so another city's deployment shows its own name."""
    site = settings.BINAUMKM
    icons = [
        {"src": static("core/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("core/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {"src": static("core/icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png",
         "purpose": "maskable"},
    ]  # fmt: skip
    manifest = {
        "name": f"Bina UMKM {site['CITY_NAME']}",
        "short_name": "Bina UMKM",
        "description": _("Pendataan, pelatihan, kemitraan, dan titip jual UMKM binaan %(agency)s.")
        % {"agency": site["AGENCY_NAME"]},
        "lang": get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#146c43",
        "icons": icons,
    }
    return JsonResponse(
        manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
