"""The sector keyword table staff extend: a word for a kind of business and its KBLI section."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy
from binaumkm.registry.events import Event
from binaumkm.registry.importing.sectors import SECTIONS, normalise_value
from binaumkm.registry.models import SectorKeyword

MAX_KEYWORD = 60


def keyword_table() -> dict[str, str]:
    """{keyword: section} for import_sectors.suggest_section."""
    return dict(SectorKeyword.objects.values_list("keyword", "section"))


@transaction.atomic
def sector_keyword_save(*, actor, keyword: str, section: str) -> SectorKeyword:
    """Add a keyword, or give an existing one another section."""
    policy.require(actor, "change", SectorKeyword)
    key = normalise_value(keyword)
    if not key:
        raise ValidationError({"keyword": _("Tulis kata kuncinya (huruf atau angka).")})
    if len(key) > MAX_KEYWORD:
        raise ValidationError(
            {"keyword": _("Kata kunci terlalu panjang (maksimal %(n)d karakter).") % {"n": MAX_KEYWORD}}
        )
    if section not in SECTIONS:
        raise ValidationError({"section": _("Pilih kategori KBLI A–U.")})
    entry = SectorKeyword.objects.select_for_update().filter(keyword=key).first()
    if entry is None:
        entry = SectorKeyword.objects.create(keyword=key, section=section, created_by=actor)
        audit.record(actor=actor, action=Event.SECTOR_KEYWORD_CREATED, obj=entry,
                     changes={"section": [None, section]})  # fmt: skip
    elif entry.section != section:
        old, entry.section = entry.section, section
        entry.save(update_fields=["section", "updated_at"])
        audit.record(actor=actor, action=Event.SECTOR_KEYWORD_UPDATED, obj=entry,
                     changes={"section": [old, section]})  # fmt: skip
    return entry


@transaction.atomic
def sector_keyword_delete(*, actor, entry: SectorKeyword) -> None:
    policy.require(actor, "change", SectorKeyword)
    audit.record(actor=actor, action=Event.SECTOR_KEYWORD_DELETED, obj=entry,
                 changes={"section": [entry.section, None]})  # fmt: skip
    entry.delete()
