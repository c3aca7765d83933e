"""Writes of the open-data app: making a release of a dataset and writing its files (audited)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, hooks, policy

from . import conf, files
from .events import Event
from .metadata import metadata
from .models import FileFormat, Release, ReleaseFile, ReleaseState


def release_create(*, actor: User | None, dataset_key: str) -> Release:
    """A new version of a dataset. ``actor`` None is the scheduled command (the system). A small
    dataset's files are written at once; a large one's by the task worker after the commit."""
    if actor is not None:
        policy.require(actor, "add", Release)
    dataset = hooks.open_datasets().get(dataset_key)
    if dataset is None:
        raise ValidationError(_("Dataset tidak dikenal."))
    try:
        with transaction.atomic():
            latest = (
                Release.objects.select_for_update().filter(dataset=dataset_key).order_by("-version").first()
            )
            release = Release.objects.create(
                dataset=dataset_key, version=(latest.version + 1) if latest else 1, created_by=actor
            )
            audit.record(actor=actor, action=Event.RELEASE_CREATED, obj=release,
                         data={"dataset": dataset_key, "version": release.version})  # fmt: skip
            rows = dataset.rows()
            if len(rows) > conf.BACKGROUND_ROWS:
                from .tasks import release_write_task

                transaction.on_commit(lambda: release_write_task.enqueue(release.pk))
            else:
                release_files_write(release=release, rows=rows)
    except IntegrityError as exc:  # two releases of one dataset at once: the version is taken
        raise ValidationError(
            _("Rilis lain untuk dataset ini sedang dibuat. Coba lagi sebentar lagi.")
        ) from exc
    return release


@transaction.atomic
def release_files_write(*, release: Release, rows: list[dict] | None = None) -> Release:
    """Freeze the dataset's rows into the release's CSV, JSON and .xlsx files with their SHA-256
    checksums, in the media store; the release is then published. Never rewrites a published one."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.state != ReleaseState.PENDING:
        return release
    dataset = hooks.open_datasets()[release.dataset]
    as_of = timezone.now()
    if rows is None:
        rows = dataset.rows()
    meta = metadata(dataset, version=release.version, as_of=as_of)
    contents = {
        FileFormat.CSV: files.csv_bytes(dataset, rows),
        FileFormat.JSON: files.json_bytes(dataset, rows, meta),
        FileFormat.XLSX: files.xlsx_bytes(dataset, rows, meta),
    }
    for fmt, content in contents.items():
        record = ReleaseFile(release=release, format=fmt, sha256=files.sha256(content), size=len(content))
        name = f"{release.dataset}/v{release.version}/{release.dataset}-v{release.version}.{fmt}"
        record.file.save(name, ContentFile(content), save=False)
        record.save()
    release.state, release.as_of, release.row_count = ReleaseState.READY, as_of, len(rows)
    release.save(update_fields=["state", "as_of", "row_count"])
    audit.record(actor=None, action=Event.RELEASE_PUBLISHED, obj=release,
                 data={"files": {fmt: files.sha256(c) for fmt, c in contents.items()}, "rows": len(rows)})  # fmt: skip
    return release


def release_failed(*, release_id: int) -> None:
    """Mark a release whose files could not be written (the task's last resort), for staff to see."""
    Release.objects.filter(pk=release_id, state=ReleaseState.PENDING).update(state=ReleaseState.FAILED)
