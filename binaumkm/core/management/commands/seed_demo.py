import time

from django.core.management.base import BaseCommand
from django.db import transaction

from binaumkm.core import audit
from binaumkm.core.demo import DemoContext, demo_modules, refresh_planner_statistics
from binaumkm.core.events import Event
from binaumkm.core.models import AuditEntry


class Command(BaseCommand):
    help = "Isi basis data dengan data demo yang deterministik (sekali saja) dan cetak akun demo."

    def add_arguments(self, parser):
        parser.add_argument("--umkm", type=int, default=3600, help="Jumlah UMKM binaan (default 3600).")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument(
            "--logins", action="store_true", help="Hanya cetak akun demo, tanpa mengisi data."
        )

    def handle(self, *args, umkm, seed, logins, **options):
        ctx = DemoContext(umkm=umkm, seed=seed, stdout=self.stdout)
        already = AuditEntry.objects.filter(action=Event.DEMO_SEEDED).exists()
        if already and not logins:
            self.stdout.write("Data demo sudah ada; tidak diisi ulang.")
        for label, module in demo_modules():
            if not (already or logins):
                started = time.monotonic()
                with transaction.atomic():
                    module.seed(ctx)
                self.stdout.write(f"  {label}: {time.monotonic() - started:.1f} s")
            if hasattr(module, "logins"):
                module.logins(ctx)
        if not (already or logins):
            refresh_planner_statistics()
            audit.record(actor=None, action=Event.DEMO_SEEDED, data={"umkm": umkm, "seed": seed})
        if ctx.logins:
            self.stdout.write("\nAkun demo (peran · login · kata sandi):")
            for role, username, password in ctx.logins:
                self.stdout.write(f"  {role:<28} {username:<20} {password}")
