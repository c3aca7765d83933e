"""The API's endpoints: scoped by the access policy, no personal data in lists, cursor pagination,
JSON errors in Indonesian (English when chosen), throttling, open data with small cells suppressed."""

import pytest
from django.conf import settings
from django.test import Client

from binaumkm.core.masking import mask_nik, mask_phone
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = pytest.mark.django_db
BUSINESSES = "/api/v1/registry/businesses"


def test_another_owners_business_is_a_404_and_their_own_is_shown_masked(client, owner_pair, bearer):
    mine, _theirs, a, b = owner_pair
    headers = bearer(mine)
    response = client.get(f"{BUSINESSES}/{b.pk}", **headers)
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ditemukan."}
    body = client.get(f"{BUSINESSES}/{a.pk}", **headers).json()
    assert body["name"] == "Batik A"
    assert body["owner"]["nik"] == mask_nik(a.owner.nik) != a.owner.nik
    assert body["owner"]["phone"] == mask_phone(a.owner.phone) != a.owner.phone
    listed = client.get(BUSINESSES, **headers).json()
    assert [row["id"] for row in listed["results"]] == [a.pk]


def test_lists_carry_no_nik_or_phone(client, owner_pair, bearer, staff_user):
    headers = bearer(staff_user)
    text = client.get(BUSINESSES, **headers).content.decode()
    for business in owner_pair[2:]:
        for secret in (business.owner.nik, business.owner.phone, mask_nik(business.owner.nik)):
            assert secret not in text
    assert '"nik"' not in text and '"phone"' not in text


def test_products_are_scoped_like_the_pages(client, owner_pair, bearer):
    mine, _theirs, a, b = owner_pair
    rows = client.get("/api/v1/registry/products", **bearer(mine)).json()["results"]
    assert {r["business_id"] for r in rows} == {a.pk}
    rows = client.get(f"/api/v1/registry/products?business={b.pk}", **bearer(mine)).json()["results"]
    assert rows == []


def test_the_cursor_walks_every_business_once_in_id_order(client, areas, staff_user, bearer):
    made = sorted(b.pk for b in BusinessFactory.create_batch(7))
    headers = bearer(staff_user)
    seen, url = [], f"{BUSINESSES}?limit=3"
    while url:
        page = client.get(url, **headers).json()
        assert len(page["results"]) <= 3
        seen += [row["id"] for row in page["results"]]
        url = f"{BUSINESSES}?limit=3&cursor={page['next']}" if page["next"] else None
    assert seen == made


@pytest.mark.parametrize(
    "query, field",
    [("limit=101", "limit"), ("limit=0", "limit"), ("limit=abc", "limit"), ("kecamatan=x", "kecamatan")],
)
def test_bad_parameters_are_a_json_400_in_indonesian(client, staff_user, bearer, query, field):
    response = client.get(f"{BUSINESSES}?{query}", **bearer(staff_user))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Parameter permintaan tidak sah."
    assert [e["field"] for e in body["errors"]] == [field]


@pytest.mark.parametrize("cursor", ["zzz", "e30", "eyJhZnRlciI6ICJ4In0", "%00"])
def test_a_forged_cursor_is_a_json_400(client, staff_user, bearer, cursor):
    response = client.get(f"{BUSINESSES}?cursor={cursor}", **bearer(staff_user))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_unknown_paths_and_non_numeric_ids_are_json_404s(client, staff_user, bearer):
    for path in ("/api/v1/tidak-ada", f"{BUSINESSES}/abc", "/api/", f"{BUSINESSES}/99999999999"):
        response = client.get(path, **bearer(staff_user))
        assert response.status_code in (400, 404), path
        assert response["Content-Type"] == "application/json", path


def test_errors_follow_the_chosen_language(client, staff_user, bearer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(BUSINESSES).json()["detail"].startswith("Token missing")
    assert client.get(f"{BUSINESSES}?limit=500", **bearer(staff_user)).json()["errors"][0]["message"] == (
        "At most 100."
    )


def test_a_page_of_businesses_costs_the_same_queries_at_10_and_500(areas, staff_user, bearer):
    client = Client()
    headers = bearer(staff_user)
    owner = OwnerFactory()

    def grow(n):
        from binaumkm.registry.models import Business

        BusinessFactory.create_batch(n - Business.objects.count(), owner=owner)

    def fetch():
        response = client.get(f"{BUSINESSES}?limit=100", **headers)
        assert response.status_code == 200

    assert_constant_queries(fetch, grow)


def test_anonymous_open_data_is_throttled_with_a_json_429(client, areas, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "API": {"ANON_RATE": "3/m"}}
    answers = [client.get("/api/v1/open-data/areas").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    response = client.get("/api/v1/open-data/areas")
    assert response.json()["detail"].startswith("Terlalu banyak permintaan")
    assert "Retry-After" in response


def test_each_token_has_its_own_rate(client, staff_user, owner_user, bearer, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "API": {"TOKEN_RATE": "2/m"}}
    first, second = bearer(staff_user), bearer(staff_user)
    assert [client.get(BUSINESSES, **first).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(BUSINESSES, **second).status_code == 200


def test_open_data_counts_suppress_cells_under_five(client, areas):
    from binaumkm.core.models import Kelurahan

    one, two = Kelurahan.objects.order_by("code")[:2]
    BusinessFactory.create_batch(5, kelurahan=one, kbli_section="C")
    BusinessFactory.create_batch(4, kelurahan=two, kbli_section="C")
    BusinessFactory.create_batch(3, kelurahan=one, kbli_section="G", verification="baru")  # not counted
    rows = client.get("/api/v1/open-data/binaan-counts?level=kelurahan").json()
    cells = {(r["area_code"], r["kbli_section"]): (r["count"], r["suppressed"]) for r in rows}
    assert cells == {(one.code, "C"): (5, False), (two.code, "C"): (None, True)}
    assert all(r["count"] is None or r["count"] >= 5 for r in rows)
    by_kecamatan = client.get("/api/v1/open-data/binaan-counts").json()
    assert sum(r["count"] or 0 for r in by_kecamatan) in (5, 9)  # 9 when both kelurahan share a kecamatan
    assert client.get("/api/v1/open-data/binaan-counts?level=rt").status_code == 400


def test_the_caller_reads_their_registrations_and_stock(client, owner_pair, bearer):
    mine, *_ = owner_pair
    headers = bearer(mine)
    assert client.get("/api/v1/training/registrations", **headers).json() == {"results": [], "next": None}
    assert client.get("/api/v1/training/batches", **headers).status_code == 200
    assert client.get("/api/v1/consignment/stock", **headers).json() == []
    assert client.get("/api/v1/partnerships/compliance", **headers).json() == []


def test_the_docs_page_serves_swagger_from_this_site(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/registry/businesses/{pk}" in schema["paths"]


def test_a_role_without_the_api_permission_gets_401(client, areas, bearer):
    from django.contrib.auth.models import Permission

    user = make_user("pendamping", username="pendamping.x")
    headers = bearer(user)
    user.groups.first().permissions.remove(Permission.objects.get(codename="use_api"))
    user = type(user).objects.get(pk=user.pk)  # forget the cached permissions
    assert client.get(BUSINESSES, **headers).status_code == 401
