"""The link checker against a real local HTTP server (a 200, a 404, a timeout, a site that refuses
HEAD), and dormancy with the owner's "masih aktif" to-do."""

import datetime
import http.server
import threading
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from binaumkm.core.hooks import todo_list
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.registry.events import Event
from binaumkm.registry.linkcheck import check_url
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import LinkStatus, Platform, Stage
from binaumkm.registry.services.presence_jobs import presence_dormancy_mark, presence_links_check
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

AGENT = "BinaUMKM-test/1.0"


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def _answer(self, body: bool):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent")))
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        else:
            self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_url_200_404_timeout_and_get_after_a_refused_head(server):
    assert check_url(f"{server}/shop", timeout=1, user_agent=AGENT).ok
    missing = check_url(f"{server}/missing", timeout=1, user_agent=AGENT)
    assert not missing.ok and "404" in missing.problem
    slow = check_url(f"{server}/slow", timeout=0.5, user_agent=AGENT)
    assert not slow.ok and "tidak menjawab" in slow.problem
    assert check_url(f"{server}/no-head", timeout=1, user_agent=AGENT).ok
    assert ("HEAD", "/shop", AGENT) in Handler.seen and ("GET", "/no-head", AGENT) in Handler.seen
    assert ("GET", "/shop", AGENT) not in Handler.seen  # HEAD was enough: no page downloaded


@pytest.mark.django_db
def test_link_checker_is_off_by_default_then_flags_broken_links_politely(server, areas, settings, staff_user):
    business = BusinessFactory()
    good = Presence.objects.create(
        business=business, platform=Platform.WEBSITE, stage=Stage.ACTIVE, url=f"{server}/shop"
    )
    gone = Presence.objects.create(
        business=business, platform=Platform.QRIS, stage=Stage.ACCOUNT, url=f"{server}/missing"
    )
    Presence.objects.create(
        business=business, platform=Platform.BLIBLI, stage=Stage.CLOSED, url=f"{server}/closed"
    )
    assert presence_links_check() == {"checked": 0, "broken": 0} and Handler.seen == []
    settings.BINAUMKM = {**settings.BINAUMKM, "REGISTRY": {"PRESENCE_LINK_CHECK": True, "PRESENCE_LINK_TIMEOUT": 1,
                                                           "PRESENCE_LINK_USER_AGENT": AGENT}}  # fmt: skip
    pauses = []
    assert presence_links_check(sleep=pauses.append) == {"checked": 2, "broken": 1}
    assert pauses == [2.0]  # one pause between the two requests (the configured interval)
    good.refresh_from_db()
    gone.refresh_from_db()
    assert (good.link_status, gone.link_status) == (LinkStatus.OK, LinkStatus.BROKEN)
    assert "404" in gone.link_problem and gone.link_checked_at is not None
    assert not any(path == "/closed" for _m, path, _a in Handler.seen)
    assert AuditEntry.objects.filter(action=Event.PRESENCE_LINK_CHECKED, object_id=str(gone.pk)).exists()
    # Staff see it on the dashboard and in their to-do list.
    assert any("tautan toko online rusak" in item.label for item in todo_list(staff_user))


@pytest.mark.django_db
def test_a_quiet_shop_becomes_dormant_and_the_owner_is_asked_to_confirm(areas, client):
    user = make_user("pemilik_umkm", username="+6281200000041", phone="+6281200000041")
    business = BusinessFactory(owner=OwnerFactory(user=user))
    today = datetime.date(2026, 12, 2)
    quiet = Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=Stage.ACTIVE,
                                    activity_confirmed_on=datetime.date(2026, 5, 1))  # fmt: skip
    recent = Presence.objects.create(business=business, platform=Platform.TOKOPEDIA, stage=Stage.FIRST_SALE,
                                     first_sale_on=datetime.date(2026, 7, 1))  # fmt: skip
    account = Presence.objects.create(business=business, platform=Platform.BLIBLI, stage=Stage.ACCOUNT,
                                      account_on=datetime.date(2020, 1, 1))  # fmt: skip
    assert presence_dormancy_mark(today=today) == 1
    stages = {p.pk: (p.stage, p.dormant_on) for p in Presence.objects.all()}
    assert stages[quiet.pk] == (Stage.DORMANT, today)
    assert stages[recent.pk][0] == Stage.FIRST_SALE and stages[account.pk][0] == Stage.ACCOUNT
    assert AuditEntry.objects.filter(action=Event.PRESENCE_DORMANT, object_id=str(quiet.pk)).exists()
    todos = todo_list(user)
    assert [t.url for t in todos if "Shopee" in t.label] == [
        reverse("registry:my_presences", args=[business.pk])
    ]
    client.force_login(user)
    client.post(reverse("registry:my_presence_confirm", args=[business.pk, quiet.pk]))
    quiet.refresh_from_db()
    assert quiet.stage == Stage.ACTIVE and not [t for t in todo_list(user) if "Shopee" in t.label]


@pytest.mark.django_db
def test_daily_command_marks_dormancy_and_says_the_checker_is_off(areas, capsys):
    Presence.objects.create(business=BusinessFactory(), platform=Platform.SHOPEE, stage=Stage.ACTIVE,
                            active_on=datetime.date(2020, 1, 1))  # fmt: skip
    call_command("presence_daily", today="2026-12-02")
    out = capsys.readouterr().out
    assert "1 toko online ditandai tidak aktif" in out and "Pemeriksaan tautan mati" in out
