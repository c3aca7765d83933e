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

# The same columns as migration 0012, which installs the indexes.
BUSINESS_INDEX = TextIndex("registry_business", ("name", "nib", "instagram"), trigram=True, stored=True)
OWNER_INDEX = TextIndex("registry_owner", ("full_name",), trigram=True, stored=True)

IN_BUSINESS, IN_OWNER = "usaha", "pemilik"
REFERENCE = re.compile(r"umkm[-\s]*0*(\d{1,9})", re.IGNORECASE)


def business_search(
    qs: QuerySet[Business], text: str, *, actor: Actor, field: str = IN_BUSINESS, ranked: bool = True
) -> QuerySet[Business] | Ranked:
    """``qs`` narrowed to what ``text`` finds in ``field``: best matches first when ``ranked``,
    else in ``qs``'s own order. Owner-name search keeps the business order (name)."""
    if reference := REFERENCE.fullmatch(text.strip()):
        return qs.filter(pk=int(reference.group(1)))
    if field == IN_OWNER:
        ids = OWNER_INDEX.matching_ids(text, using=qs.db)
        if ids is None:
            return qs
        return qs.filter(owner__in=policy.scope(actor, "view", Owner).filter(pk__in=ids).values("pk"))
    return BUSINESS_INDEX.filter(qs, text) if ranked else BUSINESS_INDEX.matching(qs, text)
