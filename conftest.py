"""Project-wide pytest fixtures: areas, users per role, and Playwright on Debian's Chromium."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_passed = report.passed
    return report


@pytest.fixture(autouse=True)
def _every_page_checked_with_axe(request):
    """A browser test must run ``core.testing.assert_accessible`` on every page it opens (one check
    per path pattern: /usaha-saya/3/ covers /usaha-saya/7/); otherwise it errors, naming the pages.
    It also errors on any Content-Security-Policy violation (an inline script or style, a foreign
    source) or Permissions-Policy error the browser reported."""
    if request.node.get_closest_marker("browser") is None or "page" not in request.fixturenames:
        yield
        return
    from binaumkm.core.testing import axe_checked_paths, path_pattern, watch_security_policies

    page = request.getfixturevalue("page")
    opened = set()

    def opened_page(frame):
        if frame.parent_frame is None and frame.url.startswith("http"):
            opened.add(path_pattern(frame.url))

    page.on("framenavigated", opened_page)
    policy_errors = watch_security_policies(page)
    yield
    if getattr(request.node, "call_passed", False):
        missed = sorted(opened - axe_checked_paths(page))
        assert not missed, f"pages opened but never checked with assert_accessible(page): {missed}"
        assert not policy_errors, "Content-Security-Policy / Permissions-Policy errors:\n" + "\n".join(
            policy_errors
        )


@pytest.fixture
def areas(db):
    """The city's kecamatan and kelurahan from the project's area file."""
    from django.conf import settings

    from binaumkm.core.areas import areas_load

    areas_load(actor=None, path=settings.BINAUMKM["AREA_FILE"], city_code=settings.BINAUMKM["CITY_CODE"])


@pytest.fixture(autouse=True)
def _every_email_in_house_style(request):
    """Every e-mail any test sends is read against the house style (``core.notify``): greeting
    "Yth. …", closing "Hormat kami, <agency>", absolute links. A module's new e-mail is checked by
    the tests that send it, with no list to keep up to date."""
    yield
    from django.core import mail

    if request.node.get_closest_marker("email_style_exempt"):
        return
    from binaumkm.core.notify import house_style_problems

    bad = [
        (m.subject, problem) for m in getattr(mail, "outbox", []) for problem in house_style_problems(m.body)
    ]
    if bad:
        pytest.fail(f"e-mail not in the house style: {bad}", pytrace=False)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: start every test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_user(db):
    from binaumkm.core.testing import make_user

    return make_user("admin_dinas", username="admin1")


@pytest.fixture
def staff_user(db):
    from binaumkm.core.testing import make_user

    return make_user("staf_dinas", username="staf1")


@pytest.fixture
def owner_user(db):
    from binaumkm.core.testing import make_user

    return make_user("pemilik_umkm", username="pemilik1")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (real row locks, many connections) are skipped on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="butuh PostgreSQL (jalankan lewat make test-postgres)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
