"""Seeds the sector keyword table with the defaults in registry/data/sector_keywords.csv.

Staff extend and correct the table afterwards (Impor → Kata kunci sektor); the file is read as it
is when this migration runs.
"""

import csv
import re
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parents[1] / "data" / "sector_keywords.csv"


def seed(apps, schema_editor):
    SectorKeyword = apps.get_model("registry", "SectorKeyword")
    with open(CSV, newline="", encoding="utf-8") as handle:
        rows = {
            " ".join(re.sub(r"[^0-9a-z]+", " ", r["kata_kunci"].casefold()).split()): r["sektor"]
            .strip()
            .upper()
            for r in csv.DictReader(handle)
        }
    existing = set(SectorKeyword.objects.values_list("keyword", flat=True))
    SectorKeyword.objects.bulk_create(
        [SectorKeyword(keyword=k, section=s) for k, s in rows.items() if k and k not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_agency_import")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
