"""The web benchmark: what a user waits for, measured as a user's browser meets it.

It starts the production server (gunicorn, 3 sync workers, production settings, a new database
connection reused per worker as production has it) on loopback against the benchmark database,
signs in the users the pages need, and alternates `wrk` runs of each page with runs of a bare Django
view on the same server (same middleware, same signed-in user), so that what the machine is doing
meanwhile weighs on both alike. Each page prints ``bench web_<page>_ratio <page req/s ÷ bare req/s>``;
its p50/p99 latency go beside it in docs/benchmarks.md. Read the ratios; absolute figures depend on
the machine.

Modules declare their main pages in their ``bench`` module with ``@web_page``; the function prepares
the data (idempotently) and returns the path and the user (None: anonymous).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .bench import Figure, benchmark

WORKERS = 3
CONNECTIONS = 16
THREADS = 2
SECONDS = int(os.environ.get("WEB_BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("WEB_BENCH_ROUNDS", "2"))
BARE_PATH = "/bench/kosong/"
# Behind the production proxy a request arrives as HTTPS; the server trusts one proxy here.
FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


@dataclass(frozen=True)
class WebPage:
    name: str
    target: float
    prepare: Callable[[Any], tuple[str, Any]]  # ctx -> (path, user or None)


WEB_PAGES: dict[str, WebPage] = {}


def web_page(name: str, *, target: float = 0.1):
    """Declare a page for the web benchmark: ``fn(ctx) -> (path, user or None)``; ``target`` is the
    least ratio to the bare view it should reach."""

    def decorator(fn):
        WEB_PAGES[name] = WebPage(name=name, target=target, prepare=fn)
        return fn

    return decorator


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float


def session_cookie(user) -> str:
    """A signed-in session for ``user`` (with a confirmed second factor for agency accounts, as
    production requires), stored where the server reads sessions; returns the Cookie header."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="binaumkm.config.settings.bench_web",
        SECRET_KEY=settings.SECRET_KEY,  # the sessions made here must verify there
        BINAUMKM_TRUSTED_PROXIES="1",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, check=True, cwd=settings.BASE_DIR)


class Server:
    """gunicorn on a free loopback port, stopped on exit."""

    def __init__(self, env: dict[str, str], *, workers: int = WORKERS):
        self.port = _free_port()
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "binaumkm.config.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", str(workers),
             "--timeout", "60", "--log-level", "warning"],
            env=env, cwd=settings.BASE_DIR,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"

    def wait(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(f"{self.base}/healthz", headers=FORWARDED)  # noqa: S310
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback
                return
            except OSError:  # not listening yet (refused), or a worker still loading
                time.sleep(0.3)
        raise RuntimeError("gunicorn tidak menjawab di loopback")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def preflight(url: str, headers: dict[str, str]) -> None:
    """The page answers 200 for this user (a redirect to a login or consent page would measure
    the wrong thing)."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        status = opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url}: {error.code} {error.headers.get('Location', '')}") from error
    if status != 200:
        raise RuntimeError(f"{url}: {status}")


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
SCALE = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> Run:
    """Requests per second and the p50/p99 latency from ``wrk --latency`` output; a run with
    errors or non-2xx answers is refused (it would measure an error page)."""
    if "Non-2xx or 3xx responses" in output or re.search(
        r"Socket errors: .*(?:read|write|timeout) [1-9]", output
    ):
        raise RuntimeError(f"wrk melihat galat:\n{output}")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latencies = {pct: float(value) * SCALE[unit] for pct, value, unit in LATENCY.findall(output)}
    if rps is None or float(rps.group(1)) == 0 or set(latencies) != {"50", "99"}:
        raise RuntimeError(f"keluaran wrk tidak terbaca:\n{output}")
    return Run(rps=float(rps.group(1)), p50_ms=latencies["50"], p99_ms=latencies["99"])


def drain(base: str, headers: dict[str, str], timeout: float = 120) -> None:
    """Wait out the requests wrk left queued when it stopped (sync workers finish each one), so
    the next run starts on idle workers: bare requests until one answers at once."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        request = urllib.request.Request(base + BARE_PATH, headers=headers)  # noqa: S310 - loopback
        urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - loopback
        if time.monotonic() - started < 0.05:
            return


def wrk(url: str, headers: dict[str, str], seconds: int = SECONDS, check: bool = True) -> Run | None:
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    done = subprocess.run([*args, url], capture_output=True, text=True, check=True)
    drain(url.split("/", 3)[0] + "//" + url.split("/", 3)[2], headers)
    return parse_wrk(done.stdout) if check else None


def ratio_figures(name: str, target: float, pairs: list[tuple[Run, Run]]) -> dict[str, Figure]:
    """The page's figures from its (bare, page) runs: the median of the paired ratios, and the
    page's median p50/p99 latency."""
    ratio = statistics.median(page.rps / bare.rps for bare, page in pairs)
    p50 = statistics.median(page.p50_ms for _bare, page in pairs)
    p99 = statistics.median(page.p99_ms for _bare, page in pairs)
    rps = statistics.median(page.rps for _bare, page in pairs)
    note = f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {rps:.0f} req/s"
    return {f"web_{name}_ratio": Figure(ratio, "ratio", f"≥ {target:g}", note)}


@benchmark("web", unit="ratio")
def web(ctx) -> dict[str, Figure]:
    """Each declared page against the bare view, interleaved, through gunicorn and wrk."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk tidak terpasang: jalankan `make bench` (memasang paket Debian 'wrk').")
    chosen = [n for n in os.environ.get("WEB_PAGES", "").split(",") if n]  # e.g. WEB_PAGES=staff_list
    declared_pages = {n: p for n, p in sorted(WEB_PAGES.items()) if not chosen or n in chosen}
    pages = {name: page.prepare(ctx) for name, page in declared_pages.items()}
    cookies: dict[Any, str] = {}
    env = _server_env()
    ctx.log("collectstatic dan tabel cache untuk pengaturan produksi ...")
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "createcachetable")
    server = Server(env)
    figures: dict[str, Figure] = {}
    try:
        server.wait()
        headers_of = {}
        for name, (path, user) in pages.items():
            headers = dict(FORWARDED)
            if user is not None:
                if user.pk not in cookies:
                    cookies[user.pk] = session_cookie(user)
                headers["Cookie"] = cookies[user.pk]
            preflight(server.base + path, headers)
            preflight(server.base + BARE_PATH, headers)
            headers_of[name] = headers
        # Every worker loads its code, templates and connection before anything is timed.
        for name, (path, _user) in pages.items():
            wrk(server.base + path, headers_of[name], seconds=1, check=False)
        pairs: dict[str, list[tuple[Run, Run]]] = {name: [] for name in pages}
        bare_runs: list[Run] = []
        for round_no in range(ROUNDS):
            for name, (path, _user) in pages.items():
                bare = wrk(server.base + BARE_PATH, headers_of[name])
                page = wrk(server.base + path, headers_of[name])
                assert bare is not None and page is not None
                pairs[name].append((bare, page))
                bare_runs.append(bare)
                ctx.log(f"putaran {round_no + 1} {name}: {page.rps:.0f} / {bare.rps:.0f} req/s")
        for name, declared in declared_pages.items():
            figures.update(ratio_figures(name, declared.target, pairs[name]))
        bare_rps = statistics.median(run.rps for run in bare_runs)
        figures["web_bare_req_per_s"] = Figure(
            bare_rps, "req/s", "", f"{WORKERS} workers, wrk -t{THREADS} -c{CONNECTIONS}"
        )
    finally:
        server.stop()
    return figures
