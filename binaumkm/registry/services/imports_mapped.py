"""Import jobs for an agency's own spreadsheet: analyse → staff confirm the mapping → staff confirm
the sectors → validate (the preview) → write. Each step after a confirmation runs in the worker
(``import_jobs.import_job_validate`` routes here); nothing reaches the registry before staff confirm
the preview. Template files keep their own path in ``import_jobs``.
"""

import shutil
import tempfile
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import audit
from binaumkm.registry import importing, services
from binaumkm.registry.events import Event
from binaumkm.registry.importing import mapped as import_mapped
from binaumkm.registry.importing import mapping as rules
from binaumkm.registry.importing.sectors import SECTIONS
from binaumkm.registry.importing.workbook import read_sheets
from binaumkm.registry.models import ImportJob, ImportMapping
from binaumkm.registry.platforms import Stage
from binaumkm.registry.services.imports import (
    MAX_STORED_ERRORS,
    enqueue_step,
    ensure_can_import,
    import_write,
    job_fail,
    job_progress,
)
from binaumkm.registry.services.keywords import keyword_table, sector_keyword_save

MAX_SKIPPED_SHOWN = 200
MAX_DUPLICATES_SHOWN = 300
SKIP_REASONS = {"nomor-kolom", "kosong", "jumlah", "di-bawah-tabel"}


@contextmanager
def local_file(job: ImportJob):
    """The stored upload as a local file (the storage may not be a local disk)."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as local:
        with job.file.open("rb") as stored:
            shutil.copyfileobj(stored, local)
        local.flush()
        yield local.name


def advance(job: ImportJob) -> ImportJob | None:
    """Run the next worker step of a mapped import; None when the file turns out to be our template."""
    with local_file(job) as path:
        if not job.layout:
            sheets = read_sheets(path)
            first = next(iter(sheets.values()), [])
            if first and import_mapped.looks_like_template(first[0]):
                ImportJob.objects.filter(pk=job.pk).update(layout=ImportJob.Layout.TEMPLATE)
                job.layout = ImportJob.Layout.TEMPLATE
                return None
            job.layout = ImportJob.Layout.MAPPED
            return _analyse(job, sheets)
        if not job.mapping:
            return _analyse(job, read_sheets(path))
        table = _table(job, path)
    if not job.sectors.get("confirmed") and _collect_sectors(job, table):
        return job  # staff confirm the sector suggestions first
    return _validate(job, table)


def _table(job: ImportJob, path):
    sheets = read_sheets(path, [job.sheet])
    if job.sheet not in sheets:
        raise importing.ImportFileError(
            _("Lembar “%(name)s” tidak ada lagi di berkas.") % {"name": job.sheet}
        )
    return import_mapped.read_table(sheets[job.sheet], job.header_row or 1)


def _saved_mapping(headers: list[str]) -> dict | None:
    saved = ImportMapping.objects.filter(signature=rules.header_signature(headers)).first()
    if saved is None:
        return None
    ImportMapping.objects.filter(pk=saved.pk).update(times_used=F("times_used") + 1)
    return saved.fields


def _analyse(job: ImportJob, sheets: dict) -> ImportJob:
    analysis = import_mapped.analyse(
        sheets, sheet=job.sheet or None, saved_mapping=_saved_mapping, matcher=import_mapped.area_matcher()
    )
    job.refresh_from_db()
    job.layout = ImportJob.Layout.MAPPED
    job.sheet, job.sheets = analysis.sheet, analysis.sheets
    job.header_row = analysis.table.header_row
    job.columns = analysis.columns
    job.total_rows = job.processed_rows = len(analysis.table.rows)
    job.preview = {
        "saved": analysis.saved,
        "skipped": [{"row": n, "reason": r} for n, r in analysis.table.skipped[:MAX_SKIPPED_SHOWN]],
        "skipped_count": len(analysis.table.skipped),
    }
    job.state = ImportJob.State.MAPPING
    job.save()
    return job


def _collect_sectors(job: ImportJob, table) -> bool:
    """Store the free-text sector values with suggestions; True when staff must confirm them."""
    column = next((int(i) for i, k in job.mapping.items() if k == "sektor_kbli"), None)
    values = import_mapped.sector_values(table, column, keyword_table(), {}) if column is not None else []
    job.refresh_from_db()
    job.sectors = {"column": column, "values": values, "confirmed": not values}
    job.state = ImportJob.State.SECTORS if values else job.state
    job.save(update_fields=["sectors", "state", "updated_at"])
    return bool(values)


def _report(job: ImportJob, table) -> import_mapped.MappedReport:
    decisions = {v["key"]: v["section"] for v in job.sectors.get("values", []) if v["section"]}
    return import_mapped.validate_mapped(
        table, mapping={int(i): k for i, k in job.mapping.items()}, decisions=decisions,
        matcher=import_mapped.area_matcher(), progress=job_progress(job),
    )  # fmt: skip


def _errors(job: ImportJob, report) -> list[dict]:
    header_of = {}
    for index, key in job.mapping.items():
        header_of[import_mapped.TEMPLATE_KEY.get(key, key)] = job.columns[int(index)]["header"]
    return [
        {
            **e.as_dict(),
            "header": header_of.get(e.column, ""),
            "label": rules.label(e.column) if e.column else "",
        }
        for e in report.errors[:MAX_STORED_ERRORS]
    ]


def _validate(job: ImportJob, table) -> ImportJob:
    report = _report(job, table)
    job.refresh_from_db()
    changed = [u for u in report.updates if u.changes]
    columns = []
    for index, key in sorted((int(i), k) for i, k in job.mapping.items()):
        column = job.columns[index]
        stats = report.columns.get(index, {"filled": 0, "cleaned": 0, "failed": 0})
        columns.append({"letter": column["letter"], "header": column["header"], "field": key,
                        "label": rules.label(key) if key else "", **stats})  # fmt: skip
    job.preview = {
        **job.preview,
        "columns": columns,
        "changed_rows": report.changed_rows,
        "new_rows": len(report.rows),
        "duplicates_changed": len(changed),
        "duplicates_same": len(report.updates) - len(changed),
        "duplicates": [{"row": u.row.row, "id": u.business.pk, "reference": u.business.reference,
                        "name": u.business.name, "changes": u.changes} for u in changed[:MAX_DUPLICATES_SHOWN]],
    }  # fmt: skip
    job.state = ImportJob.State.READY
    job.total_rows = job.processed_rows = report.total
    job.valid_rows = len(report.rows) + len(report.updates)
    job.duplicate_rows = len(report.updates)
    job.error_rows = len(report.error_rows)
    job.errors = _errors(job, report)
    job.save()
    return job


# --- Staff decisions ------------------------------------------------------------------------------


def _locked(job: ImportJob, state: str) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.state != state:
        raise ValidationError(_("Impor ini sudah berpindah langkah; muat ulang halamannya."))
    return job


def import_job_choose_sheet(*, actor, job: ImportJob, sheet: str) -> ImportJob:
    """Read another sheet of the workbook instead (the mapping starts again)."""
    ensure_can_import(actor)
    with transaction.atomic():
        job = _locked(job, ImportJob.State.MAPPING)
        if sheet not in {s["name"] for s in job.sheets}:
            raise ValidationError({"sheet": _("Lembar itu tidak ada di berkas.")})
        job.sheet, job.mapping, job.columns, job.sectors = sheet, {}, [], {}
        job.state = ImportJob.State.QUEUED
        job.save()
        audit.record(actor=actor, action=Event.IMPORT_SHEET_CHOSEN, obj=job, data={"sheet": sheet})
        transaction.on_commit(lambda: enqueue_step("validate", job.pk))
    return job


def import_job_confirm_mapping(*, actor, job: ImportJob, mapping: dict[int, str]) -> ImportJob:
    """Staff confirm which column goes to which field. The mapping is remembered for the same headers.
    A column whose sample values cannot be read as the chosen field's type is refused."""
    ensure_can_import(actor)
    with transaction.atomic():
        job = _locked(job, ImportJob.State.MAPPING)
        mapping = {i: k for i, k in mapping.items() if 0 <= i < len(job.columns)}
        problems = rules.mapping_problems(mapping)
        problems += import_mapped.type_problems(job.columns, mapping, import_mapped.area_matcher())
        if problems:
            raise ValidationError(problems)
        job.mapping = {str(i): k for i, k in sorted(mapping.items())}
        job.sectors = {}
        job.state = ImportJob.State.QUEUED
        job.save()
        named = {job.columns[i]["header"]: k for i, k in mapping.items()}
        _remember_mapping(actor, job, mapping)
        audit.record(actor=actor, action=Event.IMPORT_MAPPING_CONFIRMED, obj=job, data={"mapping": named})
        transaction.on_commit(lambda: enqueue_step("validate", job.pk))
    return job


def _remember_mapping(actor, job: ImportJob, mapping: dict[int, str]) -> None:
    headers = [c["header"] for c in job.columns]
    fields = {c["key"]: mapping.get(c["index"], "") for c in job.columns}
    saved, created = ImportMapping.objects.update_or_create(
        signature=rules.header_signature(headers),
        defaults={"headers": headers, "fields": fields, "confirmed_by": actor},
    )
    audit.record(actor=actor, action=Event.IMPORT_MAPPING_SAVED, obj=saved, data={"created": created})


def import_job_confirm_sectors(
    *, actor, job: ImportJob, decisions: dict[str, str], remember: bool
) -> ImportJob:
    """One KBLI section per distinct value of the sector column; a value left empty makes its rows
    errors. With ``remember``, values that had no suggestion become keywords for next time."""
    ensure_can_import(actor)
    with transaction.atomic():
        job = _locked(job, ImportJob.State.SECTORS)
        values = job.sectors.get("values", [])
        for entry in values:
            section = (decisions.get(entry["key"]) or "").strip().upper()
            if section and section not in SECTIONS:
                raise ValidationError(_("Sektor “%(s)s” bukan kategori KBLI A–U.") % {"s": section})
            entry["section"] = section
            if remember and section and not entry["suggestion"]:
                sector_keyword_save(actor=actor, keyword=entry["key"], section=section)
        job.sectors = {**job.sectors, "values": values, "confirmed": True}
        job.state = ImportJob.State.QUEUED
        job.save()
        audit.record(actor=actor, action=Event.IMPORT_SECTORS_CONFIRMED, obj=job,
                     data={"sectors": {v["value"]: v["section"] for v in values[:200]}})  # fmt: skip
        transaction.on_commit(lambda: enqueue_step("validate", job.pk))
    return job


# --- Writing --------------------------------------------------------------------------------------


def write(job: ImportJob) -> ImportJob:
    """Validate again (the registry may have changed since the preview), then write new businesses
    in bulk and, when staff chose so, update the registered ones through the registry's services."""
    try:
        with local_file(job) as path:
            table = _table(job, path)
    except importing.ImportFileError as exc:
        return job_fail(job, str(exc))
    report = _report(job, table)
    if report.errors and not job.only_valid:
        job.errors = _errors(job, report)
        job.error_rows = len(report.error_rows)
        return job_fail(
            job, _("Data berubah sejak pratinjau dan kini ada baris yang salah. Tidak ada yang ditulis.")
        )
    try:
        businesses, updated = write_report(
            actor=job.created_by, report=report, source=f"impor #{job.pk} {job.original_name}",
            update_existing=job.duplicate_action == ImportJob.Duplicates.UPDATE,
        )  # fmt: skip
    except ValidationError as exc:
        return job_fail(
            job, _("Penulisan gagal: %(reason)s Tidak ada yang ditulis.") % {"reason": " ".join(exc.messages)}
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
    job.updated_count = updated
    job.finished_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def write_report(*, actor, report: import_mapped.MappedReport, source: str, update_existing: bool):
    """(new businesses, number updated): new rows in bulk (audited per object), and with
    ``update_existing`` each registered business's changes through the registry's services."""
    businesses = import_write(actor=actor, rows=report.rows, source=source)
    updated = 0
    if update_existing:
        for update in report.updates:
            updated += _apply_update(actor, update)
        audit.record(actor=actor, action=Event.IMPORT_UPDATED, data={"source": source, "businesses": updated})
    return businesses, updated


def _apply_update(actor, update: import_mapped.Update) -> int:
    if not update.changes:
        return 0
    business = update.business
    if update.owner_data:
        services.owner_update(actor=actor, owner=business.owner, data=update.owner_data)
    if update.business_data:
        business = services.business_update(actor=actor, business=business, data=update.business_data)
    for platform, url in update.shops.items():
        current = business.presences.filter(platform=platform).first()
        stage = current.stage if current else Stage.ACCOUNT
        services.presence_save(
            actor=actor, business=business, platform=platform, data={"stage": stage, "url": url}
        )
    if update.status:
        services.business_set_status(
            actor=actor, business=business, status=update.status, reason=_("Impor Excel")
        )
    return 1
