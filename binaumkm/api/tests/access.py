"""Access declarations of the API's routes and the token page. The API answers a caller without a
token or session with a JSON 401 (never the login redirect); signed-in callers see what their pages
show, and another party's business is a 404."""

from binaumkm.core.tests.site_access import OK, PUBLIC, Url, rule

API = rule(default=OK, anonymous=401)  # every role holds api.use_api
OWNER_OR_STAFF_OBJECT = rule(default=404, anonymous=401, owner=OK, staff=OK, admin=OK)

URLS = {
    "api_v1:openapi-json": Url(PUBLIC),
    "api_v1:api-root": Url(rule(default=404, anonymous=404)),
    "api_v1:areas": Url(PUBLIC),
    "api_v1:binaan_counts": Url(PUBLIC, query="?level=kelurahan"),
    "api_v1:recovery": Url(PUBLIC, query="?month=2026-01"),
    "api_v1:businesses": Url(API, query="?limit=5"),
    "api_v1:business": Url(OWNER_OR_STAFF_OBJECT, kwargs=lambda w: {"pk": w.business.pk}),
    "api_v1:products": Url(API, query="?limit=100"),
    "api_v1:training_batches": Url(API),
    "api_v1:training_registrations": Url(API),
    "api_v1:store_compliance": Url(API),
    "api_v1:consignment_stock": Url(API),
    "api:docs": Url(PUBLIC),
    "api:not_found": Url(rule(default=404, anonymous=404)),
    "api:tokens": Url(
        rule(default=OK), methods=("GET", "POST"), data=lambda w: {"name": "Kasir", "days": "30"}
    ),
}
