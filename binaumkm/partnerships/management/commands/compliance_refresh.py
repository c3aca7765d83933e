import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from binaumkm.partnerships.compliance_state import states_refresh
from binaumkm.partnerships.models import Store


class Command(BaseCommand):
    help = (
        "Hitung ulang kepatuhan setiap toko modern untuk hari ini (dibaca dasbor kepatuhan). "
        "Jalankan sekali sehari setelah tengah malam (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", default="", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, today, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Tanggal harus berbentuk YYYY-MM-DD.") from exc
        with transaction.atomic():
            n = states_refresh(Store.objects.all(), day)
        self.stdout.write(f"Kepatuhan {n} toko dihitung untuk {day.isoformat()}.")
