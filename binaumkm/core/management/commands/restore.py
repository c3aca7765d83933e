from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binaumkm.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Pulihkan basis data dan berkas unggahan dari arsip cadangan (MENIMPA data sekarang)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Jangan bertanya (untuk skrip).")

    def handle(self, *args, archive, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Arsip tidak ada: {path}")
        if not yes and input("Semua data sekarang akan ditimpa. Ketik 'ya' untuk lanjut: ").strip() != "ya":
            raise CommandError("Dibatalkan.")
        try:
            manifest = backup_restore(path)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Dipulihkan dari cadangan {manifest['created_at']} ({manifest['vendor']}).")
