from django.core.management.base import BaseCommand

from binaumkm.exhibitions import services


class Command(BaseCommand):
    help = "Kedaluwarsakan tawaran booth yang lewat batas waktu dan tawarkan booth-nya ke daftar tunggu (aman diulang)."

    def handle(self, *args, **options):
        n = services.offers_expire()
        self.stdout.write(f"{n} tawaran booth kedaluwarsa.")
