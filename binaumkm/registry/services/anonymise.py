"""Anonymising an owner (UU PDP deletion and retention, driven by ``privacy``): their identifying
fields are overwritten, the records that must be kept (businesses, settlements, finances) stay and
now point at a nameless owner."""

from __future__ import annotations

from django.db import transaction

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business, Owner

from .records import OWNER_FIELDS

# The owner's contact details copied onto their businesses.
BUSINESS_CONTACT_FIELDS = ["whatsapp", "instagram", "tiktok", "facebook"]
ANONYMOUS_NIK_PREFIX = "ANON"


def anonymous_nik(owner: Owner) -> str:
    """A placeholder unique per owner (the column is unique) that no real NIK can equal (letters)."""
    return f"{ANONYMOUS_NIK_PREFIX}{owner.pk:012d}"


@transaction.atomic
def owner_anonymise(*, actor: User | None, owner: Owner) -> Owner:
    """Overwrite the owner's name, NIK, phone, e-mail and gender and their businesses' contact fields.
    ``actor`` None is the retention job; a person must be allowed to change the owner's NIK."""
    if actor is not None:
        policy.require(actor, "change_nik", owner)
    owner = Owner.objects.select_for_update().get(pk=owner.pk)
    before = audit.snapshot(owner, OWNER_FIELDS)
    owner.full_name = f"({owner.reference})"
    owner.nik = anonymous_nik(owner)
    owner.phone = ""
    owner.email = ""
    owner.gender = ""
    owner.save()
    Business.objects.filter(owner=owner).update(**dict.fromkeys(BUSINESS_CONTACT_FIELDS, ""))
    audit.record(
        actor=actor, action=Event.OWNER_ANONYMISED, obj=owner,
        changes=audit.diff(before, audit.snapshot(owner, OWNER_FIELDS), mask={"full_name": lambda v: "•••"}),
    )  # fmt: skip
    return owner
