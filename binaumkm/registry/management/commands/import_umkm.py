import json

from django.core.management.base import BaseCommand, CommandError

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.registry import importing
from binaumkm.registry.importing import mapped as import_mapped
from binaumkm.registry.importing import mapping as rules
from binaumkm.registry.importing.sectors import SECTIONS, normalise_value
from binaumkm.registry.importing.workbook import read_sheets
from binaumkm.registry.models import ImportJob
from binaumkm.registry.services import imports as import_jobs


class Command(BaseCommand):
    help = (
        "Impor UMKM dari berkas .xlsx besar (sama dengan impor di layar): semua atau tidak sama sekali. "
        "Berkas templat dibaca langsung; berkas dinas sendiri dibaca dengan berkas pemetaan (--mapping), "
        "yang bisa dibuat dulu dengan --write-mapping lalu diperiksa."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--user", required=True, help="Nama pengguna staf yang tercatat sebagai pelaku.")
        parser.add_argument("--only-valid", action="store_true", help="Impor baris valid saja (eksplisit).")
        parser.add_argument("--dry-run", action="store_true", help="Hanya periksa, jangan tulis.")
        parser.add_argument(
            "--mapping",
            help="Berkas JSON pemetaan untuk berkas dinas sendiri: "
            '{"sheet": "...", "columns": {"Judul kolom": "isian"}, "sectors": {"Kuliner": "I"}, '
            '"duplicates": "lewati" | "perbarui"}.',
        )
        parser.add_argument(
            "--write-mapping",
            help="Tulis usulan pemetaan (kolom dan saran sektor) ke berkas JSON ini, lalu berhenti.",
        )

    def handle(self, *args, path, user, only_valid, dry_run, mapping=None, write_mapping=None, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None or not policy.can(actor, "add", ImportJob):
            raise CommandError(f"Pengguna {user!r} tidak ada atau tidak berhak mengimpor.")
        if write_mapping:
            return self._write_mapping(path, write_mapping)
        if mapping:
            return self._mapped(path, mapping, actor, only_valid=only_valid, dry_run=dry_run)
        try:
            headers, rows = importing.read_rows(path)
        except (importing.ImportFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        report = importing.validate_rows(headers, rows, progress=self.job_progress)
        self.stderr.write("")
        self._summary(
            report, f"{report.total} baris, {len(report.rows)} valid, {len(report.error_rows)} salah."
        )
        if dry_run:
            return
        self._refuse_errors(report, only_valid)
        written = import_jobs.import_write(
            actor=actor, rows=report.rows, source=f"perintah import_umkm {path}"
        )
        self.stdout.write(self.style.SUCCESS(f"{len(written)} usaha diimpor."))

    def job_progress(self, done, total):
        self.stderr.write(f"\r{done}/{total}", ending="")

    def _summary(self, report, line):
        for error in report.errors[:200]:
            self.stdout.write(f"baris {error.row} · {error.column or '-'} · {error.message}")
        if len(report.errors) > 200:
            self.stdout.write(f"... dan {len(report.errors) - 200} galat lain")
        self.stdout.write(line)

    def _refuse_errors(self, report, only_valid):
        if report.errors and not only_valid:
            raise CommandError(
                "Ada baris yang salah; tidak ada yang ditulis. Perbaiki berkas atau pakai --only-valid."
            )

    def _analyse(self, path, sheet=None):
        try:
            sheets = read_sheets(path)
            return import_mapped.analyse(
                sheets, sheet=sheet, saved_mapping=lambda headers: None, matcher=import_mapped.area_matcher()
            )
        except (importing.ImportFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc

    def _write_mapping(self, path, out):
        from binaumkm.registry.services.keywords import keyword_table

        analysis = self._analyse(path)
        columns = {c["header"]: c["field"] for c in analysis.columns}
        sector = next((c["index"] for c in analysis.columns if c["field"] == "sektor_kbli"), None)
        values = (
            import_mapped.sector_values(analysis.table, sector, keyword_table(), {})
            if sector is not None
            else []
        )
        proposal = {
            "sheet": analysis.sheet,
            "columns": columns,
            "sectors": {v["value"]: v["suggestion"] for v in values},
            "duplicates": "lewati",
            "_isian": dict(rules.field_choices()),
        }
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(proposal, handle, ensure_ascii=False, indent=2)
        self.stdout.write(
            f"Usulan pemetaan lembar “{analysis.sheet}” ditulis ke {out}. Periksa lalu pakai --mapping."
        )

    def _mapped(self, path, mapping_path, actor, *, only_valid, dry_run):
        from binaumkm.registry.services.imports_mapped import write_report

        try:
            with open(mapping_path, encoding="utf-8") as handle:
                spec = json.load(handle)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Berkas pemetaan tidak bisa dibaca: {exc}") from exc
        analysis = self._analyse(path, spec.get("sheet"))
        written = {rules.normalise_header(h): h for h in spec.get("columns") or {}}
        given = {rules.normalise_header(h): k or "" for h, k in (spec.get("columns") or {}).items()}
        keys = [rules.normalise_header(c["header"]) for c in analysis.columns]
        missing = sorted(written[h] for h in given if h not in keys)
        if missing:
            raise CommandError(f"Kolom di berkas pemetaan tidak ada di lembar: {', '.join(missing)}")
        mapping = {i: given.get(key, "") for i, key in enumerate(keys)}
        matcher = import_mapped.area_matcher()
        problems = rules.mapping_problems(mapping) + import_mapped.type_problems(
            analysis.columns, mapping, matcher
        )
        decisions = {normalise_value(v): (s or "").upper() for v, s in (spec.get("sectors") or {}).items()}
        problems += [
            f"Sektor “{v}” bukan kategori KBLI A–U." for v, s in decisions.items() if s and s not in SECTIONS
        ]
        duplicates = spec.get("duplicates", "lewati")
        if duplicates not in ("lewati", "perbarui"):
            problems.append("duplicates harus “lewati” atau “perbarui”.")
        if problems:
            raise CommandError(" ".join(problems))
        report = import_mapped.validate_mapped(
            analysis.table, mapping=mapping, decisions={k: s for k, s in decisions.items() if s},
            matcher=matcher, progress=self.job_progress,
        )  # fmt: skip
        self.stderr.write("")
        changed = sum(1 for u in report.updates if u.changes)
        self._summary(
            report,
            f"{report.total} baris di lembar “{analysis.sheet}”: {len(report.rows)} baru, {len(report.updates)} "
            f"sudah terdaftar ({changed} berubah), {len(report.error_rows)} salah.",
        )
        if dry_run:
            return
        self._refuse_errors(report, only_valid)
        created, updated = write_report(
            actor=actor,
            report=report,
            source=f"perintah import_umkm {path}",
            update_existing=duplicates == "perbarui",
        )
        self.stdout.write(self.style.SUCCESS(f"{len(created)} usaha diimpor, {updated} diperbarui."))
