"""Backup and restore: the database and the uploaded files in one dated archive.

SQLite is copied with its online backup API (consistent while the web server and worker write);
PostgreSQL with ``pg_dump --format=custom`` and restored with ``pg_restore --clean``. The archive
(``binaumkm-YYYYmmdd-HHMMSS.tar.gz``) holds ``database.sqlite3`` or ``database.pgdump``, the
``media/`` tree, the ``private/`` tree (``PRIVATE_MEDIA_ROOT``: documents never served by URL), and
``manifest.json`` (when, which database, SHA-256 of each member).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

DB_SQLITE = "database.sqlite3"
DB_POSTGRES = "database.pgdump"


class BackupError(Exception):
    pass


def _pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest Debian PostgreSQL install."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise BackupError(f"{name} tidak ditemukan: pasang paket postgresql-client.")
    return str(candidates[-1])


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--no-owner", "--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / DB_SQLITE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return DB_SQLITE
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        subprocess.run(
            [_pg_tool("pg_dump"), "--format=custom", "--file", str(target / DB_POSTGRES), *args],
            env=env,
            check=True,
            capture_output=True,
        )
        return DB_POSTGRES
    raise BackupError(f"Basis data {connection.vendor} tidak didukung.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_trees() -> list[tuple[str, Path]]:
    """(archive folder, folder on disk) of the uploaded files: public media and private documents."""
    trees = [("media", Path(settings.MEDIA_ROOT))]
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        trees.append(("private", Path(private)))
    return trees


def backup_create(output_dir: Path) -> Path:
    """Write one archive of the database and the uploaded files into ``output_dir``; return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"binaumkm-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        db_member = _dump_database(work_path)
        manifest: dict[str, Any] = {
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": db_member,
            "sha256": {db_member: _sha256(work_path / db_member)},
        }
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work_path / db_member, arcname=db_member)
            for folder, root in _file_trees():
                if not root.is_dir():
                    continue
                for path in sorted(root.rglob("*")):
                    if path.is_file():
                        name = f"{folder}/" + path.relative_to(root).as_posix()
                        manifest["sha256"][name] = _sha256(path)
                        tar.add(path, arcname=name)
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Isi arsip tidak aman: {member.name}")
        members.append(member)
    return members


def backup_restore(archive: Path) -> dict:
    """Replace the database and the uploaded files with the archive's (checksums verified first)."""
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work_path, members=_safe_members(tar), filter="data")
        manifest = json.loads((work_path / "manifest.json").read_text())
        for name, digest in manifest["sha256"].items():
            if _sha256(work_path / name) != digest:
                raise BackupError(f"Checksum tidak cocok: {name}")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"Arsip ini dari {manifest['vendor']}, basis data sekarang {connection.vendor}."
            )
        _restore_database(work_path / manifest["database"])
        for folder, root in _file_trees():
            if (work_path / folder).is_dir():
                if root.exists():
                    shutil.rmtree(root)
                shutil.copytree(work_path / folder, root)
        return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connections.close_all()
    env, args = _pg_env_and_args()
    subprocess.run(
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", *args, str(dump)],
        env=env,
        check=True,
        capture_output=True,
    )
