"""Anonymise the owners whose businesses have been closed longer than the retention period.

manage.py apply_retention --dry-run   # lists who would be anonymised
manage.py apply_retention             # does it (each owner audited as privacy.retention.applied)
"""

from django.core.management.base import BaseCommand

from binaumkm.privacy import conf, services


class Command(BaseCommand):
    help = "Anonimkan pemilik yang semua usahanya sudah tutup lebih lama dari masa simpan."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hanya tampilkan, jangan ubah apa pun.")

    def handle(self, *args, dry_run=False, **options):
        run = services.retention_apply(dry_run=dry_run)
        verb = "akan dianonimkan" if dry_run else "dianonimkan"
        for owner in run.owners:
            self.stdout.write(f"{owner.reference} {verb} (tutup sejak {owner.closed_at:%Y-%m-%d})")
        self.stdout.write(
            f"{len(run.owners)} pemilik {verb}; masa simpan {conf.RETENTION_DAYS_CLOSED_BUSINESS} hari setelah usaha tutup."
        )
        cleared = "akan dihapus" if dry_run else "dihapus"
        for request in run.requests:
            self.stdout.write(f"{request.reference}: keterangan pemilik {cleared}")
        self.stdout.write(
            f"{len(run.requests)} permintaan selesai, keterangannya {cleared}; masa simpan "
            f"{conf.RETENTION_DAYS_FINISHED_REQUESTS} hari setelah dijawab."
        )
