from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from binaumkm.core.areas import areas_load


class Command(BaseCommand):
    help = "Muat kecamatan dan kelurahan kota dari berkas CSV berkode Kemendagri."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=settings.BINAUMKM["AREA_FILE"])
        parser.add_argument("--city-code", default=settings.BINAUMKM["CITY_CODE"])

    def handle(self, *args, path, city_code, **options):
        try:
            result = areas_load(actor=None, path=path, city_code=city_code)
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{result.kecamatan} kecamatan, {result.kelurahan} kelurahan dimuat.")
