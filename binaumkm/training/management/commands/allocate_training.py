from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from binaumkm.accounts.models import User
from binaumkm.core.models import Kecamatan
from binaumkm.training import services
from binaumkm.training.models import Batch, Pool


class Command(BaseCommand):
    help = (
        "Pratinjau (bawaan) atau umumkan hasil seleksi adil satu angkatan pelatihan. Kode undian yang sama "
        "memberi hasil yang sama."
    )

    def add_arguments(self, parser):
        parser.add_argument("batch", type=int, help="ID angkatan.")
        parser.add_argument("--seed", type=int, help="Kode undian (bawaan: acak baru).")
        parser.add_argument("--publish", action="store_true", help="Umumkan hasilnya (tidak dapat diulang).")
        parser.add_argument("--as", dest="username", required=True, help="Akun staf yang menjalankan.")

    def handle(self, *args, batch, seed, publish, username, **options):
        actor = User.objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"Akun {username} tidak ada.")
        found = Batch.objects.select_related("programme").filter(pk=batch).first()
        if found is None:
            raise CommandError(f"Angkatan {batch} tidak ada.")
        try:
            if publish:
                if seed is None:
                    raise CommandError("Umumkan dengan --seed yang sudah dipratinjau.")
                result = services.allocation_publish(actor=actor, batch=found, seed=seed)
            else:
                result = services.allocation_preview(actor=actor, batch=found, seed=seed)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        names = dict(Kecamatan.objects.values_list("pk", "name"))
        self.stdout.write(f"{found} · kode undian {result.seed} · {len(result.selected)} diterima dari "
                          f"{len(result.placements)} pendaftar · {found.capacity} kursi")  # fmt: skip
        self.stdout.write(f"{'kecamatan':<20} {'target':>6} {'pendaftar':>9} {'kuota':>6} {'umum':>6}")
        for kec, row in sorted(result.summary[Pool.KECAMATAN].items(), key=lambda kv: names.get(kv[0], "~")):
            self.stdout.write(
                f"{names.get(kec, '-'):<20} {row['target']:>6} {row['applicants']:>9} {row['reserved']:>6} {row['open']:>6}"
            )
        self.stdout.write(
            "DIUMUMKAN." if publish else f"Pratinjau saja. Umumkan dengan --publish --seed {result.seed}."
        )
