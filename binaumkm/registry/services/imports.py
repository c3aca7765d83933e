"""Import jobs: the upload → preview → write workflow around ``importing``, run as background tasks."""

import shutil
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy
from binaumkm.registry import importing
from binaumkm.registry.choices import Verification
from binaumkm.registry.events import Event
from binaumkm.registry.importing import ValidatedRow
from binaumkm.registry.importing.template import SHOP_COLUMNS
from binaumkm.registry.models import (
    Business,
    BusinessStatusChange,
    BusinessVerificationChange,
    ImportJob,
    Owner,
    Presence,
)
from binaumkm.registry.platforms import Stage
from binaumkm.registry.sizing import classify_size

MAX_STORED_ERRORS = 5000


def ensure_can_import(actor) -> None:
    policy.require(actor, "add", ImportJob)


def import_job_create(*, actor, upload) -> ImportJob:
    """Accept an uploaded file and queue its validation."""
    ensure_can_import(actor)
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:255]
    if not name.lower().endswith(".xlsx"):
        raise ValidationError({"file": _("Unggah berkas Excel berformat .xlsx (gunakan templat).")})
    if upload.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    limit = settings.BINAUMKM["IMPORT_MAX_BYTES"]
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _(
                    "Berkas terlalu besar (maksimal %(mb)d MB). Untuk berkas besar gunakan perintah import_umkm."
                )
                % {"mb": limit // (1024 * 1024)}
            }
        )
    with transaction.atomic():
        job = ImportJob.objects.create(created_by=actor, file=upload, original_name=name)
        audit.record(
            actor=actor, action=Event.IMPORT_UPLOADED, obj=job, data={"file": name, "bytes": upload.size}
        )
        transaction.on_commit(lambda: enqueue_step("validate", job.pk))
    return job


def import_job_start_write(
    *, actor, job: ImportJob, only_valid: bool, duplicate_action: str = ImportJob.Duplicates.SKIP
) -> ImportJob:
    """Staff confirm the preview. Importing only the valid rows must be chosen explicitly; so must
    updating businesses already in the registry (mapped files), which are skipped otherwise."""
    ensure_can_import(actor)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.state != ImportJob.State.READY:
            raise ValidationError(_("Impor ini tidak dalam keadaan siap diimpor."))
        if job.error_rows and not only_valid:
            raise ValidationError(
                _("Masih ada baris yang salah. Perbaiki berkas, atau pilih impor hanya baris yang valid.")
            )
        if job.valid_rows == 0:
            raise ValidationError(_("Tidak ada baris valid untuk diimpor."))
        if job.layout == ImportJob.Layout.MAPPED:
            if duplicate_action not in ImportJob.Duplicates.values:
                raise ValidationError(_("Pilih apa yang dilakukan dengan usaha yang sudah terdaftar."))
            updates = (
                job.preview.get("duplicates_changed", 0)
                if duplicate_action == ImportJob.Duplicates.UPDATE
                else 0
            )
            if not job.preview.get("new_rows") and not updates:
                raise ValidationError(_("Tidak ada usaha baru maupun perubahan untuk ditulis."))
            job.duplicate_action = duplicate_action
        job.state = ImportJob.State.WRITING
        job.only_valid = only_valid
        job.processed_rows = 0
        job.save(update_fields=["state", "only_valid", "processed_rows", "duplicate_action", "updated_at"])
        audit.record(
            actor=actor,
            action=Event.IMPORT_CONFIRMED,
            obj=job,
            data={"only_valid": only_valid, "duplicates": job.duplicate_action},
        )
        transaction.on_commit(lambda: enqueue_step("write", job.pk))
    return job


def enqueue_step(step: str, job_id: int) -> None:
    from binaumkm.registry.tasks import import_validate_task, import_write_task

    (import_validate_task if step == "validate" else import_write_task).enqueue(job_id)


def job_progress(job: ImportJob):
    def report(done, total):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    return report


def _read_and_validate(job: ImportJob) -> importing.ValidationReport:
    # Work on a local copy: the storage may not be a local disk (tests keep files in memory).
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as local:
        with job.file.open("rb") as stored:
            shutil.copyfileobj(stored, local)
        local.flush()
        headers, rows = importing.read_rows(local.name)
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(rows))
    return importing.validate_rows(headers, rows, progress=job_progress(job))


def import_job_validate(job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.VALIDATING)
    if job.layout != ImportJob.Layout.TEMPLATE:
        # An agency's own spreadsheet: mapped, cleaned, then validated.
        from binaumkm.registry.services import imports_mapped as import_mapped_jobs

        try:
            mapped = import_mapped_jobs.advance(job)
        except importing.ImportFileError as exc:
            return job_fail(job, str(exc))
        if mapped is not None:
            return mapped
    try:
        report = _read_and_validate(job)
    except importing.ImportFileError as exc:
        return job_fail(job, str(exc))
    job.refresh_from_db()
    job.state = ImportJob.State.READY
    job.total_rows = report.total
    job.processed_rows = report.total
    job.valid_rows = len(report.rows)
    job.error_rows = len(report.error_rows)
    job.errors = [e.as_dict() for e in report.errors[:MAX_STORED_ERRORS]]
    job.save()
    return job


def import_job_write(job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    if job.layout == ImportJob.Layout.MAPPED:
        from binaumkm.registry.services import imports_mapped as import_mapped_jobs

        return import_mapped_jobs.write(job)
    try:
        report = _read_and_validate(job)  # the database may have changed since the preview
    except importing.ImportFileError as exc:
        return job_fail(job, str(exc))
    if report.errors and not job.only_valid:
        job.errors = [e.as_dict() for e in report.errors[:MAX_STORED_ERRORS]]
        job.error_rows = len(report.error_rows)
        job.valid_rows = len(report.rows)
        return job_fail(
            job, _("Data berubah sejak pratinjau dan kini ada baris yang salah. Tidak ada yang ditulis.")
        )
    try:
        businesses = import_write(
            actor=job.created_by, rows=report.rows, source=f"impor #{job.pk} {job.original_name}"
        )
    except DatabaseError:
        return job_fail(
            job,
            _(
                "Penulisan gagal (mungkin ada data yang sama dimasukkan bersamaan). Tidak ada yang ditulis; coba lagi."
            ),
        )
    job.state = ImportJob.State.DONE
    job.created_count = len(businesses)
    job.finished_at = timezone.now()
    job.save()
    return job


def job_fail(job: ImportJob, message: str) -> ImportJob:
    job.state = ImportJob.State.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def import_write(*, actor, rows: list[ValidatedRow], source: str) -> list[Business]:
    """Write validated rows in one transaction: owners (new or existing by NIK), then businesses."""
    now = timezone.now()
    niks = {r.owner["nik"] for r in rows}
    owners = {o.nik: o for o in Owner.objects.select_for_update().filter(nik__in=niks)}
    new_owners = []
    for r in rows:
        if r.owner["nik"] not in owners:
            owner = Owner(**r.owner, created_at=now)
            owners[owner.nik] = owner
            new_owners.append(owner)
    Owner.objects.bulk_create(new_owners, batch_size=1000)
    businesses, shops = [], []
    for r in rows:
        data = dict(r.business)
        shops.append({p: url for key, p in SHOP_COLUMNS.items() if (url := data.pop(f"{key}_url", None))})
        businesses.append(Business(
            owner=owners[r.owner["nik"]], created_by=actor if getattr(actor, "is_authenticated", False) else None,
            verification=Verification.NEW, created_at=now,
            size_class=classify_size(capital=data["capital"], annual_sales=data["annual_sales"], year_founded=data["year_founded"]),
            **data,
        ))  # fmt: skip
    Business.objects.bulk_create(businesses, batch_size=1000)
    # A shop address in the file means the shop exists: an "account created" presence.
    today = timezone.localdate()
    Presence.objects.bulk_create(
        [Presence(business=b, platform=p, url=url, stage=Stage.ACCOUNT, account_on=today)
         for b, found in zip(businesses, shops, strict=True) for p, url in found.items()],
        batch_size=2000,
    )  # fmt: skip
    BusinessStatusChange.objects.bulk_create(
        [BusinessStatusChange(business=b, old_status="", new_status=b.status, changed_by=businesses[0].created_by,
                              changed_at=now, reason=_("Impor Excel")) for b in businesses],
        batch_size=2000,
    )  # fmt: skip
    BusinessVerificationChange.objects.bulk_create(
        [BusinessVerificationChange(business=b, old_verification="", new_verification=b.verification,
                                    changed_by=businesses[0].created_by, changed_at=now, note=_("Impor Excel"))
         for b in businesses],
        batch_size=2000,
    )  # fmt: skip
    audit.record_many(actor=actor, action=Event.OWNER_CREATED, objs=new_owners, data={"source": source})
    audit.record_many(actor=actor, action=Event.BUSINESS_CREATED, objs=businesses, data={"source": source})
    audit.record(
        actor=actor,
        action=Event.IMPORT_WRITTEN,
        data={"source": source, "businesses": len(businesses), "owners": len(new_owners)},
    )
    return businesses
