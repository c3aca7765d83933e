"""The browser enforces the Content-Security-Policy, and the browser tests see every violation
(conftest's autouse fixture fails a browser test on any; here the watcher itself is checked)."""

import pytest

from binaumkm.core.testing import assert_accessible, watch_security_policies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inline_script_and_style_are_blocked_and_reported(page, live_server):
    errors = watch_security_policies(page)
    page.goto(f"{live_server.url}/akun/masuk/")
    assert_accessible(page)
    assert not errors, errors  # the real page itself breaks no policy
    ran = page.evaluate(
        """() => {
          window.injected = false;
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.appendChild(script);
          const div = document.createElement("div");
          div.setAttribute("style", "color: red");
          document.body.appendChild(div);
          return window.injected;
        }"""
    )
    page.wait_for_timeout(200)  # violation events are delivered asynchronously
    assert ran is False  # the inline script never ran
    assert any("script-src" in e for e in errors) and any("style-src" in e for e in errors), errors
    errors.clear()  # seen: the autouse fixture checks the rest of the test
