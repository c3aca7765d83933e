from django.core.management.base import BaseCommand, CommandError

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.registry import importing
from binaumkm.registry.models import ImportJob


class Command(BaseCommand):
    help = "Impor UMKM dari berkas .xlsx besar (sama dengan impor di layar): semua atau tidak sama sekali."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--user", required=True, help="Nama pengguna staf yang tercatat sebagai pelaku.")
        parser.add_argument("--only-valid", action="store_true", help="Impor baris valid saja (eksplisit).")
        parser.add_argument("--dry-run", action="store_true", help="Hanya periksa, jangan tulis.")

    def handle(self, *args, path, user, only_valid, dry_run, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None or not policy.can(actor, "add", ImportJob):
            raise CommandError(f"Pengguna {user!r} tidak ada atau tidak berhak mengimpor.")
        try:
            headers, rows = importing.read_rows(path)
        except (importing.ImportFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        report = importing.validate_rows(
            headers, rows, progress=lambda done, total: self.stderr.write(f"\r{done}/{total}", ending="")
        )
        self.stderr.write("")
        for error in report.errors[:200]:
            self.stdout.write(f"baris {error.row} · {error.column or '-'} · {error.message}")
        if len(report.errors) > 200:
            self.stdout.write(f"... dan {len(report.errors) - 200} galat lain")
        self.stdout.write(f"{report.total} baris, {len(report.rows)} valid, {len(report.error_rows)} salah.")
        if dry_run:
            return
        if report.errors and not only_valid:
            raise CommandError(
                "Ada baris yang salah; tidak ada yang ditulis. Perbaiki berkas atau pakai --only-valid."
            )
        written = importing.import_write(actor=actor, rows=report.rows, source=f"perintah import_umkm {path}")
        self.stdout.write(self.style.SUCCESS(f"{len(written)} usaha diimpor."))
