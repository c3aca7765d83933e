"""Every URL of the site, as every principal: the declared outcome, never a 500, and a refused POST
writes nothing. A URL pattern without a declaration fails the suite (see ``site_access``)."""

from __future__ import annotations

import hashlib
from importlib import import_module
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from binaumkm.core.tests.site_access import LOGIN, OK, PRINCIPALS, Url

DOMAIN_APPS = [a for a in settings.INSTALLED_APPS if a.startswith("binaumkm.")]


def access_modules():
    for app in DOMAIN_APPS:
        try:
            yield import_module(f"{app}.tests.access")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.tests.access":
                raise


def declarations() -> dict[str, Url]:
    declared: dict[str, Url] = {}
    for module in access_modules():
        for name, url in module.URLS.items():
            assert name not in declared, f"{name} is declared twice"
            declared[name] = url
    return declared


def url_patterns(urlconf=None) -> list[str]:
    """Every pattern's name ("namespace:name"), or its route where it has no name."""
    found: list[str] = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append(f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def undeclared(urlconf=None) -> list[str]:
    declared = declarations()
    return [name for name in url_patterns(urlconf) if name not in declared]


def test_every_url_pattern_is_declared():
    assert undeclared() == [], "declare these URLs in their app's tests/access.py"
    stale = set(declarations()) - set(url_patterns())
    assert not stale, f"declared but gone: {sorted(stale)}"


urlpatterns = [
    *get_resolver().url_patterns,
    path("baru/", lambda request: None, name="new_view"),
]


def test_a_url_added_without_a_declaration_fails_the_suite():
    before = set(undeclared())
    with override_settings(ROOT_URLCONF=__name__):
        assert set(undeclared()) - before == {"new_view"}


# --- The world: one party of each kind, with their objects ---------------------------------------------


def build_world() -> SimpleNamespace:
    from binaumkm.accounts.roles import Role
    from binaumkm.core.areas import areas_load
    from binaumkm.core.testing import make_user

    areas_load(actor=None, path=settings.BINAUMKM["AREA_FILE"], city_code=settings.BINAUMKM["CITY_CODE"])
    world = SimpleNamespace()
    world.users = {
        "owner": make_user(Role.OWNER, username="+6281200001001", phone="+6281200001001", full_name="Sri"),
        "other_owner": make_user(Role.OWNER, username="+6281200001002", phone="+6281200001002"),
        "store_manager": make_user(Role.STORE_PARTNER, username="manajer.a"),
        "other_store_manager": make_user(Role.STORE_PARTNER, username="manajer.b"),
        "outlet_partner": make_user(Role.OUTLET_PARTNER, username="gerai.a"),
        "other_outlet_partner": make_user(Role.OUTLET_PARTNER, username="gerai.b"),
        "mentor": make_user(Role.MENTOR, username="pendamping.a"),
        "bank_officer": make_user(Role.BANK_OFFICER, username="bank.a"),
        "other_bank_officer": make_user(Role.BANK_OFFICER, username="bank.b"),
        "staff": make_user(Role.STAFF, username="staf.a"),
        "admin": make_user(Role.ADMIN, username="admin.a"),
    }
    for module in access_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each test runs
    in a savepoint of its own, and each request in a further one (so one principal's write never
    changes what the next principal meets)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


SKIP_TABLES = {"sessions.session", "contenttypes.contenttype", "auth.permission"}


def fingerprint() -> str:
    """A digest of every row of every table: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.label_lower in SKIP_TABLES:
            continue
        digest.update(model._meta.label.encode())
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


LOGIN_PATHS = {urlsplit(resolve_url(settings.LOGIN_URL)).path}


def outcome_of(response) -> str | int:
    if response.status_code == 302 and urlsplit(response["Location"]).path in LOGIN_PATHS:
        return LOGIN
    return response.status_code


def request_as(client: Client, world, principal: str, method: str, url: str, data: dict):
    cache.clear()  # rate limits
    client.logout()
    if principal != "anonymous":
        client.force_login(world.users[principal])
    with transaction.atomic():
        before = fingerprint() if method == "POST" else None
        response = client.post(url, data) if method == "POST" else client.get(url)
        written = before is not None and fingerprint() != before
        transaction.set_rollback(True)
    return response, written


def check(expected, method: str, response, written: bool, where: str) -> None:
    got = outcome_of(response)
    assert response.status_code < 500, f"{where}: server error"
    if expected == OK:
        allowed = {200} if method == "GET" else {200, 302, 400}
        assert got in allowed, f"{where}: expected {expected}, got {got}"
        return
    assert got == expected, f"{where}: expected {expected}, got {got}"
    if method == "POST":
        assert not written, f"{where}: a refused POST wrote to the database"


DECLARED = declarations()


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_url_answers_each_principal_as_declared(name, world, db):
    declared = DECLARED[name]
    if "GET" not in declared.methods and "POST" not in declared.methods:
        pytest.fail(f"{name}: no method declared")
    url = reverse(name, kwargs=declared.kwargs(world)) + declared.query
    client = Client(raise_request_exception=False)
    for principal in PRINCIPALS:
        data = declared.data(world)
        for method in declared.methods:
            response, written = request_as(client, world, principal, method, url, data)
            check(
                declared.expected(principal, method),
                method,
                response,
                written,
                f"{method} {url} as {principal}",
            )
        if declared.methods == ("POST",):
            # A POST-only URL never shows anything on GET.
            response, _written = request_as(client, world, principal, "GET", url, {})
            assert response.status_code in (302, 403, 404, 405), (
                f"GET {url} as {principal}: {response.status_code}"
            )
