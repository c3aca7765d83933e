"""Test helpers shared by every app's tests (imported only by tests)."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

from binaumkm.core.demo import DEMO_PASSWORD

TEST_PASSWORD = DEMO_PASSWORD


def make_user(role: str | None, *, username: str, **fields):
    """A user with a role (group) and the shared test password."""
    from binaumkm.accounts.models import User
    from binaumkm.accounts.roles import assign_role

    user = User.objects.create_user(username=username, password=TEST_PASSWORD, **fields)
    if role:
        assign_role(user, role)
    return user


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def assert_constant_queries(fetch, grow, *, small: int = 10, large: int = 500):
    """The page's query count must not depend on its rows: ``grow(n)`` makes n rows in total,
    ``fetch()`` renders the page (and should assert its status)."""
    grow(small)
    at_small = count_queries(fetch)
    grow(large)
    at_large = count_queries(fetch)
    assert at_small == at_large, f"query count grows with rows: {at_small} at {small}, {at_large} at {large}"
    return at_large


def pdf_text(data: bytes) -> str:
    """The text of a PDF, read with pypdf (a dev dependency: no system PDF tool needed)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@contextmanager
def login_as(client, user):
    client.force_login(user)
    try:
        yield client
    finally:
        client.logout()


# --- Browser tests (Playwright) -------------------------------------------------------------------

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def browser_login(page, base: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the real login form, as a fresh visitor."""
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nomor HP atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def assert_no_sideways_scroll(page, width: int = PHONE["width"]) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
