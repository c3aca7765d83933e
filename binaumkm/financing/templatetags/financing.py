"""Template helpers of financing: badge colours for referral states and eligibility results."""

from django import template

register = template.Library()

STATE_CLASSES = {
    "draf": "text-bg-light border", "siap": "text-bg-info", "dikirim": "text-bg-primary",
    "diterima": "text-bg-primary", "ditinjau": "text-bg-primary", "ditolak": "text-bg-danger",
    "disetujui": "text-bg-success", "dicairkan": "text-bg-success", "selesai": "text-bg-secondary",
    "ditarik": "text-bg-secondary", "kedaluwarsa": "text-bg-secondary",
}  # fmt: skip
STATUS_CLASSES = {"layak": "text-bg-success", "belum": "text-bg-warning", "tidak": "text-bg-danger"}


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "text-bg-light")


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-light")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def doc_label(kind: str) -> str:
    from binaumkm.financing.eligibility import DOCUMENT_LABELS

    return str(DOCUMENT_LABELS.get(kind, kind))
