"""Every app's English catalogue is complete, and its compiled .mo matches the .po."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_every_app_with_templates_has_a_catalogue():
    apps_with_strings = {p.parent.name for p in ROOT.glob("*/templates") if any(p.rglob("*.html"))}
    with_catalogue = {p.parents[3].name for p in CATALOGUES}
    assert apps_with_strings <= with_catalogue


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_catalogue_is_fully_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"{len(missing)} untranslated in {po_path}: {missing[:5]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run scripts/compile_messages.py for {po_path}"
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po if not e.obsolete}
    assert compiled == source, f"{mo_path} is stale: run scripts/compile_messages.py"
