"""Writes of the exhibitions app. Every function is atomic, checks who may act (``policy``), and
records an audit entry. Split by subject; import them from here."""

from .allocation import allocation_notify, allocation_preview, allocation_publish
from .applications import (
    application_recheck,
    application_submit,
    application_withdraw,
    exhibition_close_call,
    exhibition_open_call,
)
from .budget import budget_line_save, evidence_open, realisation_add
from .curation import curation_close, review_save
from .offers import booth_assign_extra, no_show, offer_accept, offer_decline, offer_expire, offers_expire
from .running import (
    check_in_at_booth,
    check_in_by_staff,
    exhibition_close,
    exhibition_report,
    exhibition_start,
    report_export,
    sales_report_save,
)
from .setup import (
    booth_save,
    booth_set_blocked,
    category_save,
    criterion_add,
    criterion_delete,
    curator_add,
    curator_remove,
    exhibition_create,
    exhibition_delete,
    exhibition_update,
    photo_add,
    photo_delete,
    venue_save,
)

__all__ = [
    "allocation_notify", "allocation_preview", "allocation_publish", "application_recheck", "application_submit",
    "application_withdraw", "booth_assign_extra", "booth_save", "booth_set_blocked", "budget_line_save",
    "category_save", "check_in_at_booth", "check_in_by_staff", "criterion_add", "criterion_delete",
    "curation_close", "curator_add", "curator_remove", "evidence_open", "exhibition_close",
    "exhibition_close_call", "exhibition_create", "exhibition_delete", "exhibition_open_call",
    "exhibition_report", "exhibition_start", "exhibition_update", "no_show", "offer_accept", "offer_decline",
    "offer_expire", "offers_expire", "photo_add", "photo_delete", "realisation_add", "report_export",
    "review_save", "sales_report_save", "venue_save",
]  # fmt: skip

# The state steps staff take on the exhibition page, by the slug in its URL.
STEPS = {
    "buka-pendaftaran": exhibition_open_call,
    "tutup-pendaftaran": exhibition_close_call,
    "tutup-kurasi": curation_close,
    "mulai": exhibition_start,
    "tutup": exhibition_close,
    "laporkan": exhibition_report,
}
