"""Run by ``test_replica.py`` in its own process, against a primary (DATABASE_URL) and a streaming
replica (DATABASE_REPLICA_URL) on loopback; prints what it saw as JSON."""

import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binaumkm.config.settings.test")
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from binaumkm.accounts.roles import Role  # noqa: E402
from binaumkm.consignment import selectors as consignment  # noqa: E402
from binaumkm.core.replica import PIN_COOKIE, ReadYourWritesMiddleware, on_replica  # noqa: E402
from binaumkm.core.testing import make_user  # noqa: E402


def scalar(alias: str, sql: str):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def wait_until(check, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def visible(name: str) -> tuple[bool, str]:
    """Whether a declared read-only read finds the group now, and which database served it."""
    queryset = on_replica(Group.objects.filter(name=name))
    return queryset.exists(), queryset.db


seen: dict = {"recovery": {a: scalar(a, "SELECT pg_is_in_recovery()") for a in ("default", "replica")}}
call_command("migrate", verbosity=0)
seen["migrated_on_replica"] = wait_until(
    lambda: scalar("replica", "SELECT count(*) FROM pg_tables WHERE tablename = 'auth_group'") == 1
)
staff = make_user(Role.STAFF, username="staf-replika")
seen["report_reads_from"] = consignment.report_sales(actor=staff, filters={}).db
try:
    Group.objects.using("replica").create(name="tidak boleh")
    seen["replica_write"] = "accepted"
except Exception as error:  # noqa: BLE001 - the replica must refuse, whatever the driver calls it
    seen["replica_write"] = str(error).splitlines()[0]

# The replica stops replaying (a lag that does not end); a user writes and reads again.
scalar("replica", "SELECT pg_wal_replay_pause()::text")
middleware_log: dict = {}


def write_view(request):
    Group.objects.create(name="Ditulis pengguna")
    middleware_log["within_write"] = visible("Ditulis pengguna")
    return HttpResponse("ok")


def read_view(request):
    middleware_log.setdefault("reads", []).append(visible("Ditulis pengguna"))
    return HttpResponse("ok")


factory = RequestFactory()
response = ReadYourWritesMiddleware(write_view)(factory.post("/"))
cookie = response.cookies[PIN_COOKIE].value
ReadYourWritesMiddleware(read_view)(factory.get("/", HTTP_COOKIE=f"{PIN_COOKIE}={cookie}"))
ReadYourWritesMiddleware(read_view)(factory.get("/"))  # someone else, not pinned: the lagging replica
scalar("replica", "SELECT pg_wal_replay_resume()::text")
seen["caught_up"] = wait_until(lambda: visible("Ditulis pengguna") == (True, "replica"))
seen["within_write"] = middleware_log["within_write"]
seen["own_read_after_write"], seen["other_read_while_lagging"] = middleware_log["reads"]
print(json.dumps(seen))
