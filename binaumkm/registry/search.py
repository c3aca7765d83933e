"""The registry's search (``core.search``): businesses by name, NIB and social handle, ranked; owners
by name only when a search asks for it (owner names are personal data, and the owner scope of
``registry.policy`` decides whose names an actor may search). "UMKM-000123" finds that business."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from binaumkm.core import policy
from binaumkm.core.policy import Actor
from binaumkm.core.search import Ranked, TextIndex

from .models import Business, Owner

# The same columns as migration 0012, which installs the indexes. Ranked up to 2,000 matches (a few
# milliseconds on either database); a common word alone ("batik": one business in five) lists the
# newest first until a second word or a filter narrows it.
BUSINESS_INDEX = TextIndex(
    "registry_business", ("name", "nib", "instagram"), trigram=True, stored=True, rank_limit=2000
)
OWNER_INDEX = TextIndex("registry_owner", ("full_name",), trigram=True, stored=True)

IN_BUSINESS, IN_OWNER = "usaha", "pemilik"
REFERENCE = re.compile(r"umkm[-\s]*0*(\d{1,9})", re.IGNORECASE)


def business_search(
    qs: QuerySet[Business], text: str, *, actor: Actor, field: str = IN_BUSINESS
) -> QuerySet[Business] | Ranked:
    """``qs`` narrowed to what ``text`` finds in ``field``, best matches first (owner-name search and
    a reference keep ``qs``'s order)."""
    found = _by_reference_or_owner(qs, text, actor=actor, field=field)
    return BUSINESS_INDEX.filter(qs, text) if found is None else found


def business_matching(
    qs: QuerySet[Business], text: str, *, actor: Actor, field: str = IN_BUSINESS
) -> QuerySet[Business]:
    """The same rows as ``business_search``, in ``qs``'s own order: a queryset others narrow further."""
    found = _by_reference_or_owner(qs, text, actor=actor, field=field)
    return BUSINESS_INDEX.matching(qs, text) if found is None else found


def _by_reference_or_owner(
    qs: QuerySet[Business], text: str, *, actor: Actor, field: str
) -> QuerySet[Business] | None:
    if reference := REFERENCE.fullmatch(text.strip()):
        return qs.filter(pk=int(reference.group(1)))
    if field != IN_OWNER:
        return None
    ids = OWNER_INDEX.matching_ids(text, using=qs.db)
    if ids is None:
        return qs
    return qs.filter(owner__in=policy.scope(actor, "view", Owner).filter(pk__in=ids).values("pk"))
