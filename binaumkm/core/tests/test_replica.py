"""Scale-out on PostgreSQL (issue 14, point 9): a primary and a streaming replica started here on
loopback with pg_basebackup; declared read-only selectors read from the replica, writes go to the
primary, and a session that just wrote never misses its own write while the replica lags."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.postgres


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        pytest.fail("PostgreSQL binaries not found (make test-postgres installs them)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: str) -> None:
    args = (
        ["su", "postgres", "-s", "/bin/bash", "-c", command] if os.getuid() == 0 else ["bash", "-c", command]
    )
    subprocess.run(args, check=True, capture_output=True, timeout=120)


@pytest.fixture
def primary_and_replica():
    pg = _pg_bin()
    base = Path(tempfile.mkdtemp(prefix="binaumkm-replica-"))
    primary, replica, sockets = base / "primary", base / "replica", base / "sockets"
    sockets.mkdir()
    if os.getuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    ports = _free_port(), _free_port()
    options = "-c listen_addresses=127.0.0.1 -c fsync=off"
    try:
        _as_postgres(f"{pg}/initdb -D {primary} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
        _as_postgres(f"echo 'host replication postgres 127.0.0.1/32 trust' >> {primary}/pg_hba.conf")
        _as_postgres(f"{pg}/pg_ctl -D {primary} -l {base}/primary.log -w start "
                     f"-o '-p {ports[0]} -k {sockets} {options} -c wal_level=replica'")  # fmt: skip
        _as_postgres(
            f"mkdir -m 700 {replica} && {pg}/pg_basebackup -D {replica} -R -h 127.0.0.1 -p {ports[0]} -U postgres"
        )
        _as_postgres(
            f"{pg}/pg_ctl -D {replica} -l {base}/replica.log -w start -o '-p {ports[1]} -k {sockets} {options}'"
        )
        yield tuple(f"postgres://postgres@127.0.0.1:{port}/postgres" for port in ports)
    finally:
        for data in (replica, primary):
            subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", f"{pg}/pg_ctl -D {data} -m immediate stop"]
                           if os.getuid() == 0 else [f"{pg}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


def test_reads_on_the_replica_writes_on_the_primary_and_your_own_writes_always_seen(primary_and_replica):
    primary, replica = primary_and_replica
    env = {**os.environ, "DATABASE_URL": primary, "DATABASE_REPLICA_URL": replica,
           "DJANGO_SETTINGS_MODULE": "binaumkm.config.settings.test", "REPLICA_PIN_SECONDS": "30"}  # fmt: skip
    run = subprocess.run([sys.executable, "-m", "binaumkm.core.tests.replica_probe"], env=env,
                         cwd=ROOT, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["recovery"] == {"default": False, "replica": True}  # a real streaming replica
    assert seen["migrated_on_replica"]  # migrations ran on the primary only and streamed across
    assert seen["report_reads_from"] == "replica"  # a declared report selector
    assert "read-only transaction" in seen["replica_write"]
    # The replica lags (replay paused): the writer's session still reads its write, from the primary…
    assert seen["within_write"] == [True, "default"]
    assert seen["own_read_after_write"] == [True, "default"]
    # …while a session that did not write reads the lagging replica, which does not have it yet.
    assert seen["other_read_while_lagging"] == [False, "replica"]
    assert seen["caught_up"]
