import datetime

from django.core.management.base import BaseCommand, CommandError

from binaumkm.registry import conf
from binaumkm.registry.services.presence_jobs import presence_dormancy_mark, presence_links_check


class Command(BaseCommand):
    help = (
        "Tandai toko online yang lama tanpa aktivitas sebagai tidak aktif (pemilik diminta mengonfirmasi) dan, "
        "bila PRESENCE_LINK_CHECK menyala, periksa tautan toko. Jalankan sekali sehari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", default="", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Masukkan ke antrean tugas, bukan langsung."
        )

    def handle(self, *args, today, enqueue, **options):
        if enqueue:
            from binaumkm.registry.tasks import presence_dormancy_task, presence_links_check_task

            presence_dormancy_task.enqueue()
            presence_links_check_task.enqueue()
            self.stdout.write("Tugas kehadiran digital dimasukkan ke antrean.")
            return
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today harus berformat YYYY-MM-DD.") from exc
        self.stdout.write(f"{presence_dormancy_mark(today=day)} toko online ditandai tidak aktif.")
        if not conf.PRESENCE_LINK_CHECK:
            self.stdout.write("Pemeriksaan tautan mati (PRESENCE_LINK_CHECK).")
            return
        result = presence_links_check()
        self.stdout.write(f"{result['checked']} tautan diperiksa, {result['broken']} rusak.")
