"""Reads of the document file: current papers of a business, one document for its view."""

from __future__ import annotations

from django.db.models import QuerySet

from binaumkm.core import policy
from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business

from ..models import Document


def business_documents(*, actor: Actor, business: Business, current: bool = True) -> QuerySet[Document]:
    qs = policy.scope(actor, "view", Document).filter(business=business)
    if current:
        qs = qs.filter(replaced_at__isnull=True)
    return qs.select_related("verified_by", "uploaded_by").order_by("kind", "-uploaded_at", "-id")


def document_get(*, actor: Actor, pk: int, action: str = "view") -> Document:
    return policy.get_object_or_404(actor, action, Document.objects.select_related("business"), pk=pk)


def documents_by_id(ids: list[int]) -> dict[int, Document]:
    """The documents a referral's checklist names (for its bundle), whatever their state now."""
    return Document.objects.in_bulk(ids)
