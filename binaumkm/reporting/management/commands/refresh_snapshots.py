import datetime

from django.core.management.base import BaseCommand, CommandError

from binaumkm.reporting.services import snapshots_refresh


class Command(BaseCommand):
    help = (
        "Perbarui snapshot bulanan laporan hasil (pemulihan omzet, corong). Tanpa --bulan: semua bulan "
        "sejak tahun setelah tahun dasar sampai bulan lalu. Jalankan sekali sehari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bulan", default="", help="Satu bulan saja, YYYY-MM.")

    def handle(self, *args, bulan, **options):
        try:
            month = datetime.date.fromisoformat(f"{bulan}-01") if bulan else None
        except ValueError as exc:
            raise CommandError("--bulan harus berformat YYYY-MM.") from exc
        run = snapshots_refresh(month=month)
        self.stdout.write(f"{run.months_done} bulan snapshot diperbarui (sampai {run.last_month or '-'}).")
