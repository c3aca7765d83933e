"""Loading the city's kecamatan and kelurahan from a Kemendagri-coded CSV file.

The file has columns kode,nama,tingkat,kode_induk,kode_pos (the format of
core/data/surakarta_wilayah.csv). Only rows under the configured city code are loaded, so a
national file works too. Loading is idempotent: rows are matched by code and updated.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .events import Event
from .models import Kecamatan, Kelurahan

REQUIRED_COLUMNS = {"kode", "nama", "tingkat", "kode_induk", "kode_pos"}


@dataclass
class AreaLoadResult:
    kecamatan: int
    kelurahan: int


@transaction.atomic
def areas_load(*, actor, path: str | Path, city_code: str) -> AreaLoadResult:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise ValidationError(
                _("Kolom hilang di berkas wilayah: %(cols)s") % {"cols": ", ".join(sorted(missing))}
            )
        rows = [row for row in reader if row["kode"].startswith(city_code + ".")]
    kecamatan_rows = [r for r in rows if r["tingkat"] == "kecamatan"]
    kelurahan_rows = [r for r in rows if r["tingkat"] in ("kelurahan", "desa")]
    if not kecamatan_rows:
        raise ValidationError(
            _("Tidak ada kecamatan untuk kode kota %(code)s di berkas.") % {"code": city_code}
        )

    by_code = {}
    for row in kecamatan_rows:
        kec, _created = Kecamatan.objects.update_or_create(code=row["kode"], defaults={"name": row["nama"]})
        by_code[kec.code] = kec
    for row in kelurahan_rows:
        parent = by_code.get(row["kode_induk"])
        if parent is None:
            raise ValidationError(
                _("Kelurahan %(code)s menunjuk kecamatan yang tidak ada.") % {"code": row["kode"]}
            )
        Kelurahan.objects.update_or_create(
            code=row["kode"],
            defaults={"name": row["nama"], "kecamatan": parent, "postal_code": (row["kode_pos"] or "")[:5]},
        )
    result = AreaLoadResult(kecamatan=len(kecamatan_rows), kelurahan=len(kelurahan_rows))
    audit.record(actor=actor, action=Event.AREAS_LOADED, data={"file": Path(path).name, **result.__dict__})
    return result
