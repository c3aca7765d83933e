from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    """Liveness and database status for monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        ok = True
    except Exception as exc:  # noqa: BLE001 - report any database failure as unhealthy
        database = {"status": "error", "error": exc.__class__.__name__}
        ok = False
    return JsonResponse({"status": "ok" if ok else "error", "database": database}, status=200 if ok else 503)
