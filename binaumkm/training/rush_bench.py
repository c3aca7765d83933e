"""The registration rush through the real server (``bench training_rush_per_min``).

Many distinct signed-in owners POST the registration form of one first-come batch at once: the
production server (gunicorn, production settings, ``core.webbench.Server``) on loopback against the
PostgreSQL benchmark database, each request with its owner's own session and a CSRF token, as a
browser sends it. A pool of client threads keeps ``CLIENTS`` requests in flight; every answer must
be the redirect to the new registration. The figure is registrants confirmed or wait-listed per
minute, from the first request sent to the last answer. Afterwards the batch is checked: seats
taken equal the capacity (never more), every registrant exactly once, the rest wait-listed.

Only on PostgreSQL (the deployment the rush target is for): on SQLite it prints why and measures
nothing.
"""

from __future__ import annotations

import datetime
import http.client
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from binaumkm.core.bench import Figure

REGISTRANTS = int(os.environ.get("RUSH_REGISTRANTS", "3000"))
SEATS = 500
CLIENTS = 16  # requests in flight, as the web benchmark's wrk -c16
# More workers than the web benchmark's three: a worker waiting on the batch lock uses no CPU.
WORKERS = int(os.environ.get("RUSH_WORKERS", "8"))
USER_PREFIX = "bench-rush-"
TITLE = "Benchmark rebutan kursi"


def _registrants(ctx, n: int) -> list[tuple[int, int]]:
    """``n`` owner accounts with one business each: [(user id, business id)], made once in bulk
    from the benchmark's businesses whose owners have no account yet."""
    from django.contrib.auth.models import Group

    from binaumkm.accounts.models import User
    from binaumkm.accounts.roles import Role
    from binaumkm.registry.bench import ensure_businesses
    from binaumkm.registry.models import Business, Owner

    have = User.objects.filter(username__startswith=USER_PREFIX).count()
    if have < n:
        ensure_businesses(ctx, 100_000)
        ctx.log(f"membuat {n - have} akun pemilik untuk rebutan kursi ...")
        owners = list(Owner.objects.filter(user__isnull=True).order_by("pk")[: n - have])
        users = User.objects.bulk_create(
            [
                User(username=f"{USER_PREFIX}{owner.pk}", full_name=owner.full_name, password="!")
                for owner in owners
            ]
        )
        for owner, user in zip(owners, users, strict=True):
            owner.user = user
        Owner.objects.bulk_update(owners, ["user"], batch_size=2000)
        group = Group.objects.get(name=Role.OWNER)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users]
        )
    rows = (
        Business.objects.filter(owner__user__username__startswith=USER_PREFIX)
        .order_by("owner__user_id", "pk")
        .values_list("owner__user_id", "pk")
    )
    one_each: dict[int, int] = {}
    for user_id, business_id in rows:
        one_each.setdefault(user_id, business_id)
    return list(one_each.items())[:n]


def _sessions(user_ids: list[int]) -> dict[int, str]:
    """A signed-in session per owner, written in bulk where the server reads sessions:
    {user id: session key}."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from binaumkm.accounts.models import User

    store, expires = SessionStore(), timezone.now() + datetime.timedelta(hours=2)
    keys, rows = {}, []
    for user in User.objects.filter(pk__in=user_ids).only("pk", "password"):
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys[user.pk] = key
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


def _rush_batch():
    from .models import Batch, BatchState, Programme, SelectionMode

    programme, _ = Programme.objects.get_or_create(title=TITLE, defaults={"topic": "pemasaran_digital"})
    now = timezone.now()
    number = (programme.batches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Batch.objects.create(
        programme=programme, number=number, capacity=SEATS, state=BatchState.OPEN,
        selection_mode=SelectionMode.FCFS, verified_only=False,
        registration_opens_at=now - datetime.timedelta(hours=1),
        registration_closes_at=now + datetime.timedelta(days=1),
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=31),
    )  # fmt: skip


class Rush:
    """The client side: ``CLIENTS`` threads, each POSTing the next registrant's form."""

    def __init__(self, port: int, path: str, people: list[tuple[str, int]]):
        self.port, self.path, self.people = port, path, people
        self.csrf = get_random_string(32)
        self.origin = f"https://127.0.0.1:{port}"
        self.lock = threading.Lock()
        self.next = 0
        self.latencies: list[float] = []
        self.failures: list[str] = []

    def _take(self) -> tuple[str, int] | None:
        with self.lock:
            if self.next >= len(self.people):
                return None
            self.next += 1
            return self.people[self.next - 1]

    def post(self, session_key: str, business_id: int) -> tuple[int, str]:
        body = urlencode({"csrfmiddlewaretoken": self.csrf, "business": business_id})
        headers = {
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={self.csrf}",
            "Origin": self.origin,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
        }
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("POST", self.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status, response.getheader("Location", "")
        finally:
            conn.close()

    def _client(self) -> None:
        while (person := self._take()) is not None:
            started = time.perf_counter()
            try:
                status, location = self.post(*person)
            except OSError as error:
                status, location = 0, repr(error)
            elapsed = time.perf_counter() - started
            with self.lock:
                if status == 302 and "/pelatihan/pendaftaran/" in location:
                    self.latencies.append(elapsed)
                else:
                    self.failures.append(f"{status} {location}")

    def run(self) -> float:
        """Send every registrant's POST; returns the wall time in seconds."""
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            for _ in range(CLIENTS):
                pool.submit(self._client)
        return time.perf_counter() - started


def check_batch(batch, business_ids: list[int]) -> dict[str, int]:
    """The invariants after the rush; raises AssertionError when one is broken."""
    from django.db.models import Count

    from .models import SEAT_STATUSES, RegistrationStatus

    rows = batch.registrations.all()
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    seats = sum(by_status.get(status, 0) for status in SEAT_STATUSES)
    per_business = rows.values("business_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    registered = set(rows.values_list("business_id", flat=True))
    assert seats <= batch.capacity, f"overbooked: {seats} seats taken of {batch.capacity}"
    assert per_business == 0, f"{per_business} businesses registered more than once"
    assert registered == set(business_ids), f"{len(set(business_ids) - registered)} registrants missing"
    waiting = by_status.get(RegistrationStatus.WAITLISTED, 0)
    assert seats + waiting == len(business_ids), by_status
    assert seats == min(batch.capacity, len(business_ids)), f"{seats} seats given, {batch.capacity} free"
    return {"seats": seats, "waiting": waiting, "overbooked": max(0, seats - batch.capacity)}


def rush(ctx) -> dict[str, Figure]:
    from binaumkm.core.webbench import FORWARDED, Server, _manage, _server_env, preflight

    if connection.vendor != "postgresql":
        ctx.log(
            "dilewati: rebutan kursi diukur di PostgreSQL (BENCH_DATABASE_URL=postgres://...), "
            f"basis data ini {connection.vendor}"
        )
        return {}
    people = _registrants(ctx, REGISTRANTS)
    batch = _rush_batch()
    keys = _sessions([user_id for user_id, _business in people])
    env = _server_env()
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "createcachetable")
    server = Server(env, workers=WORKERS)
    path = f"/pelatihan/tahap/{batch.pk}/"
    try:
        server.wait()
        first_cookie = f"{settings.SESSION_COOKIE_NAME}={keys[people[0][0]]}"
        preflight(server.base + path, {**FORWARDED, "Cookie": first_cookie})
        load = os.getloadavg()[0]
        ctx.log(f"{len(people)} pemilik, {SEATS} kursi, {CLIENTS} permintaan serentak, {WORKERS} worker")
        client = Rush(server.port, path, [(keys[user_id], business) for user_id, business in people])
        seconds = client.run()
    finally:
        server.stop()
    _drop_queued_emails(batch)
    if client.failures:
        raise RuntimeError(f"{len(client.failures)} permintaan gagal, mis. {client.failures[:3]}")
    outcome = check_batch(batch, [business for _user, business in people])
    per_min = len(client.latencies) / seconds * 60
    p50 = statistics.median(client.latencies) * 1000
    p99 = statistics.quantiles(client.latencies, n=100)[98] * 1000
    ctx.log(
        f"{len(client.latencies)} pendaftaran dalam {seconds:.1f} s: {outcome['seats']} diterima, "
        f"{outcome['waiting']} daftar tunggu, lebih kursi {outcome['overbooked']}; beban {load:.1f}"
    )
    note = (
        f"{outcome['seats']} seats + {outcome['waiting']} waiting, 0 overbooked; p50 {p50:.0f} ms, "
        f"p99 {p99:.0f} ms; {WORKERS} workers, {CLIENTS} clients; load {load:.1f} at start"
    )
    return {"training_rush_per_min": Figure(per_min, "per min", "≥ 4000", note)}


def _drop_queued_emails(batch) -> None:
    """Each registration queued its status e-mail; the benchmark's owners are not real people."""
    try:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(
            task_path__endswith="email_deliver_task", enqueued_at__gte=batch.created_at
        ).delete()
    except Exception:  # noqa: BLE001, S110 - another task backend: nothing queued in this database
        pass
