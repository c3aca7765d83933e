from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Siapkan instans produksi: migrasi, tabel cache, berkas statis, lalu pemeriksaan keamanan "
        "(check --deploy). Aman dijalankan ulang pada setiap pembaruan."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("createcachetable", verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("check", deploy=True, fail_level="WARNING")
        self.stdout.write(self.style.SUCCESS("Siap."))
