"""Release every open dataset (or the ones named): the scheduled task of docs/opendata.md.

manage.py opendata_release                   # a new version of every dataset
manage.py opendata_release umkm-binaan       # only this one
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from binaumkm.core.hooks import open_datasets
from binaumkm.opendata import services


class Command(BaseCommand):
    help = "Terbitkan rilis baru dataset data terbuka (semua, atau yang disebut)."

    def add_arguments(self, parser):
        parser.add_argument("datasets", nargs="*", help="Kunci dataset; kosong: semua.")

    def handle(self, *args, datasets=(), **options):
        keys = list(datasets) or list(open_datasets())
        for key in keys:
            try:
                release = services.release_create(actor=None, dataset_key=key)
            except ValidationError as exc:
                raise CommandError(f"{key}: {' '.join(exc.messages)}") from exc
            self.stdout.write(
                f"{key} v{release.version}: {release.get_state_display()} ({release.row_count} baris)"
            )
