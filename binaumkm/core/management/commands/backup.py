from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binaumkm.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas unggahan ke satu arsip bertanggal (.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backup", help="Folder tujuan (bawaan: var/backup).")

    def handle(self, *args, output, **options):
        try:
            archive = backup_create(Path(output))
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(archive))
