"""Backup → restore gives back identical data (database rows, uploaded files and private documents),
on SQLite and PostgreSQL alike."""

import io
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from binaumkm.registry.models import Business, Owner
from binaumkm.registry.tests.factories import BusinessFactory


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", "registry", "accounts", "core", "--natural-foreign", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_round_trip(areas, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "binaumkm.core.storage.PrivateFileStorage"},
    }
    BusinessFactory.create_batch(3)
    from django.core.files.storage import default_storage

    from binaumkm.core.storage import private_storage

    default_storage.save("produk/1/foto.jpg", ContentFile(b"\xff\xd8 foto"))
    private_storage().save("berkas/1/ktp.pdf", ContentFile(b"%PDF-1.4 ktp"))
    before = snapshot()
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backup"), stdout=out)
    archive = out.getvalue().strip()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/produk/1/foto.jpg" in names
    assert "private/berkas/1/ktp.pdf" in names

    # Things go wrong after the backup: rows deleted, a file changed.
    Business.objects.all().delete()
    Owner.objects.all().delete()
    (tmp_path / "media" / "produk" / "1" / "foto.jpg").write_bytes(b"rusak")
    (tmp_path / "private" / "berkas" / "1" / "ktp.pdf").unlink()
    assert snapshot() != before

    call_command("restore", archive, "--yes", stdout=io.StringIO())
    assert snapshot() == before
    assert (tmp_path / "media" / "produk" / "1" / "foto.jpg").read_bytes() == b"\xff\xd8 foto"
    assert (tmp_path / "private" / "berkas" / "1" / "ktp.pdf").read_bytes() == b"%PDF-1.4 ktp"


def test_a_tampered_archive_is_refused(tmp_path, db):
    archive = tmp_path / "binaumkm-x.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"evil"
        info = tarfile.TarInfo("../../etc/evil")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="tidak aman"):
        call_command("restore", str(archive), "--yes")


def test_private_files_have_no_url_and_live_outside_media_root(settings, tmp_path):
    from binaumkm.config.settings import base
    from binaumkm.core.storage import PrivateFileStorage

    assert not Path(base.PRIVATE_MEDIA_ROOT).is_relative_to(base.MEDIA_ROOT)
    assert base.STORAGES["private"]["BACKEND"] == "binaumkm.core.storage.PrivateFileStorage"
    storage = PrivateFileStorage(location=tmp_path)
    storage.save("berkas/1/ktp.pdf", ContentFile(b"%PDF-1.4"))
    with pytest.raises(ValueError, match="tidak punya URL"):
        storage.url("berkas/1/ktp.pdf")
