"""Compile every .po catalogue to .mo with polib (no GNU gettext needed on the machine)."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1] / "binaumkm"

for po_path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"{po_path.relative_to(ROOT.parent)}: {po.percent_translated()}% diterjemahkan")
