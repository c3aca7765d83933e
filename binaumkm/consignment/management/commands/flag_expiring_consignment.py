import datetime

from django.core.management.base import BaseCommand, CommandError

from binaumkm.consignment import conf, services


class Command(BaseCommand):
    help = (
        "Tandai batch titip jual yang kedaluwarsa dalam N hari (sekali per batch) dan kirim e-mail ke outlet "
        "dan pemilik dengan usulan retur. Jalankan sekali sehari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=conf.EXPIRY_DAYS)
        parser.add_argument("--today", default="", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Masukkan ke antrean tugas, bukan langsung."
        )

    def handle(self, *args, days, today, enqueue, **options):
        if days < 0:
            raise CommandError("--days tidak boleh negatif.")
        if enqueue:
            from binaumkm.consignment.tasks import flag_expiring_task

            flag_expiring_task.enqueue(days)
            self.stdout.write("Tugas pemeriksaan kedaluwarsa dimasukkan ke antrean.")
            return
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today harus berformat YYYY-MM-DD.") from exc
        alerts = services.expiry_flag(actor=None, today=day, days=days)
        self.stdout.write(f"{len(alerts)} batch ditandai mendekati kedaluwarsa.")
