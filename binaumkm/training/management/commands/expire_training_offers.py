from django.core.management.base import BaseCommand

from binaumkm.training import services


class Command(BaseCommand):
    help = (
        "Kedaluwarsakan tawaran kursi pelatihan yang lewat batas dan tawarkan kursinya ke daftar tunggu "
        "berikutnya. Aman dijalankan berulang (mis. tiap 10 menit dari cron)."
    )

    def handle(self, *args, **options):
        n = services.offers_expire()
        self.stdout.write(f"{n} tawaran kedaluwarsa.")
