"""Test helpers shared by every app's tests (imported only by tests)."""

import os
import re
import weakref
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import connection
from django.db.models import Model
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
    ``fetch()`` renders the page (and should assert its status). A first fetch is not counted: the
    first request of a session does one-off work (the agency session clock). Each counted fetch
    computes its data: results kept by ``core.freshness`` are dropped first (rows made by a
    factory leave no audit entry, so a kept copy would hide what the page costs)."""
    from django.core.cache import cache

    grow(small)
    fetch()
    cache.clear()
    at_small = count_queries(fetch)
    grow(large)
    cache.clear()
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
LOGIN_LABEL = "Nomor HP, e-mail atau nama pengguna"


def browser_login(page, base: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Log in through the real login form, as a fresh visitor. The login page and the page it lands
    on are checked with axe the first time a test sees them."""
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    assert_accessible_once(page)
    page.get_by_label(LOGIN_LABEL).fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    assert_accessible_once(page)


def assert_no_sideways_scroll(page, width: int = PHONE["width"]) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def screenshot(page, name: str) -> None:
    """Keep the whole page as ``<name>.png`` in the folder ``$SCREENSHOTS_DIR``, to look at (nothing
    when it is unset)."""
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


# --- Accessibility: axe-core in the browser ---------------------------------------------------------

AXE_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
# Beyond the WCAG rules, a few of axe's best practices that screen-reader users trip over here:
# two unlabelled <nav> landmarks, an action column with an empty header, no <main>, skipped levels.
AXE_EXTRA_RULES = {"landmark-unique", "landmark-one-main", "empty-table-header", "heading-order"}
_AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": sorted(AXE_TAGS)},
    "rules": {rule: {"enabled": True} for rule in sorted(AXE_EXTRA_RULES)},
    "resultTypes": ["violations"],
}
# Ids named by aria-describedby / aria-labelledby / aria-controls that are not on the page: Django
# points every field at "<id>_helptext" and "<id>_error", so a template must print those ids.
_DANGLING_IDREFS_JS = """() => {
  const missing = [];
  for (const el of document.querySelectorAll('[aria-describedby],[aria-labelledby],[aria-controls]')) {
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) missing.push(`${attr}="${id}" on ${el.outerHTML.slice(0, 100)}`);
      }
    }
  }
  return missing;
}"""
_axe_checked: weakref.WeakKeyDictionary = (
    weakref.WeakKeyDictionary()
)  # page -> path patterns checked with assert_accessible


def path_pattern(url: str) -> str:
    """'/usaha-saya/12/produk/3/' -> '/usaha-saya/N/produk/N/': one check covers every object."""
    return re.sub(r"/\d+(?=/|\.|$)", "/N", urlsplit(url).path)


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations (and AXE_EXTRA_RULES) on the page as it is now, one line each."""
    from axe_playwright_python.base import AXE_SCRIPT  # axe-core 4, bundled (no Node)

    if not page.evaluate("typeof window.axe === 'object'"):  # once per document, not per width
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate("options => axe.run(document, options)", _AXE_OPTIONS)
    lines = []
    for v in result["violations"]:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {' '.join(map(str, node['target']))}: "
                         f"{node['html'][:160]}")  # fmt: skip
    lines += [f"dangling id reference: {m}" for m in page.evaluate(_DANGLING_IDREFS_JS)]
    return lines


def assert_accessible(page, *, widths=(PHONE, DESKTOP)) -> None:
    """Run axe-core on the current page at each width (a phone and a desktop by default) and fail
    on any WCAG 2.1 A/AA violation, listing each one. Restores the viewport it found."""
    original = page.viewport_size
    # No colour transitions half-way (a hovered button) while axe measures contrast: Bootstrap
    # turns them off for users who ask for reduced motion.
    page.emulate_media(reduced_motion="reduce")
    problems = []
    try:
        for size in widths:
            if page.viewport_size != size:
                page.set_viewport_size(size)
            problems += [f"[{size['width']} px] {line}" for line in axe_violations(page)]
    finally:
        if original and page.viewport_size != original:
            page.set_viewport_size(original)
    _axe_checked.setdefault(page, set()).add(path_pattern(page.url))
    assert not problems, f"{page.url}: {len(problems)} accessibility problem(s):\n" + "\n".join(problems)


def assert_accessible_once(page, **kwargs) -> None:
    """assert_accessible, unless this test already checked a page of the same path pattern."""
    if path_pattern(page.url) not in axe_checked_paths(page):
        assert_accessible(page, **kwargs)


def axe_checked_paths(page) -> set[str]:
    return _axe_checked.get(page, set())


# --- One test base for a model's list/detail/create/edit pages (after NetBox's ViewTestCases) ------


class CrudViewTests:
    """Subclass in an app's tests and declare a few attributes; pytest collects the tests below.

    - ``model``; url names ``list_url``, ``detail_url``, ``create_url``, ``edit_url`` (any may be None);
    - ``user(self)``: a user who may use the pages; ``outsider(self)``: a signed-in user who may not
      (their role lacks the permission: 403);
    - ``make(self)``: an existing object; ``create_data(self)`` / ``edit_data(self, obj)``: valid POST
      data; ``invalid_data(self)``: data the form must refuse, with a field whose typed value must be
      shown again; ``audit_events``: (create event, edit event).
    Each test gets the database and a client through pytest's fixtures.
    """

    model: type[Model]
    list_url: str | None = None
    detail_url: str | None = None
    create_url: str | None = None
    edit_url: str | None = None
    audit_events: tuple[str, str] = ("", "")

    def user(self):
        raise NotImplementedError

    def outsider(self):
        raise NotImplementedError

    def make(self):
        raise NotImplementedError

    def create_data(self) -> dict:
        raise NotImplementedError

    def edit_data(self, obj) -> dict:
        raise NotImplementedError

    def invalid_data(self) -> tuple[dict, str]:
        """(data, a value typed in it that the re-shown form must contain)."""
        raise NotImplementedError

    def _url(self, name, obj=None):
        from django.urls import reverse

        return reverse(name, args=[obj.pk] if obj is not None else [])

    def test_list_shows_objects(self, client, db):
        if not self.list_url:
            return
        client.force_login(self.user())
        obj = self.make()
        response = client.get(self._url(self.list_url))
        assert response.status_code == 200 and str(obj) in response.content.decode()

    def test_detail(self, client, db):
        if not self.detail_url:
            return
        client.force_login(self.user())
        obj = self.make()
        response = client.get(self._url(self.detail_url, obj))
        assert response.status_code == 200 and str(obj) in response.content.decode()

    def test_create_writes_one_object_and_an_audit_entry(self, client, db):
        if not self.create_url:
            return
        from binaumkm.core.models import AuditEntry

        client.force_login(self.user())
        before = self.model._default_manager.count()
        response = client.post(self._url(self.create_url), self.create_data())
        assert response.status_code == 302, response.content.decode()[:2000]
        assert self.model._default_manager.count() == before + 1
        if self.audit_events[0]:
            assert AuditEntry.objects.filter(action=self.audit_events[0]).exists()

    def test_invalid_input_is_refused_kept_and_writes_nothing(self, client, db):
        if not self.create_url:
            return
        client.force_login(self.user())
        data, typed = self.invalid_data()
        before = self.model._default_manager.count()
        response = client.post(self._url(self.create_url), data)
        html = response.content.decode()
        assert response.status_code == 200 and "is-invalid" in html and typed in html
        assert self.model._default_manager.count() == before

    def test_edit_changes_the_object_and_logs_it(self, client, db):
        if not self.edit_url:
            return
        from binaumkm.core.models import AuditEntry

        client.force_login(self.user())
        obj = self.make()
        response = client.post(self._url(self.edit_url, obj), self.edit_data(obj))
        assert response.status_code == 302, response.content.decode()[:2000]
        if self.audit_events[1]:
            assert AuditEntry.objects.filter(action=self.audit_events[1], object_id=str(obj.pk)).exists()

    def test_outsiders_are_refused_and_anonymous_visitors_sent_to_login(self, client, db):
        obj = self.make()
        urls = [self._url(n) for n in (self.list_url, self.create_url) if n]
        urls += [self._url(n, obj) for n in (self.detail_url, self.edit_url) if n]
        for url in urls:
            assert client.get(url).status_code == 302
        client.force_login(self.outsider())
        for url in urls:
            assert client.get(url).status_code == 403, url


# Reports every securitypolicyviolation event of the page (and its frames) on the console, where
# watch_security_policies collects it with Chromium's own "Refused to ..." messages.
_CSP_LISTENER_JS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("securitypolicyviolation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline")
    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""
_policy_errors: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_POLICY_MARKERS = (
    "Content Security Policy",
    "securitypolicyviolation",
    "Permissions-Policy",
    "Permissions Policy",
)


def watch_security_policies(page) -> list[str]:
    """From now on, collect the page's Content-Security-Policy violations and Permissions-Policy
    errors (console messages) into the returned list (the same list on every call for a page)."""
    if page in _policy_errors:
        return _policy_errors[page]
    errors: list[str] = _policy_errors.setdefault(page, [])
    page.add_init_script(_CSP_LISTENER_JS)

    def on_console(message):
        if any(marker in message.text for marker in _POLICY_MARKERS):
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return errors
