"""Writes of the training app. Every function is atomic, checks who may act, and records an audit
entry. Split by subject; import them from here."""

from .attendance import attendance_check_in, attendance_undo
from .batches import (
    batch_close_registration,
    batch_create,
    batch_delete,
    batch_finish,
    batch_open,
    batch_update,
    certificates_notify,
    programme_create,
    programme_delete,
    programme_update,
    session_add,
    session_delete,
)
from .common import offer_free_seats, seats_taken, waitlist, waitlist_position
from .registrations import (
    offer_accept,
    offer_decline,
    offer_expire,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_set_priority,
)
from .reports import coverage_export
from .selection import allocation_inputs, allocation_notify, allocation_preview, allocation_publish

__all__ = [
    "allocation_inputs", "allocation_notify", "allocation_preview", "allocation_publish",
    "attendance_check_in", "attendance_undo", "batch_close_registration", "batch_create", "batch_delete",
    "batch_finish", "batch_open", "batch_update", "certificates_notify", "coverage_export", "offer_accept", "offer_decline",
    "offer_expire", "offer_free_seats", "offers_expire", "programme_create", "programme_delete",
    "programme_update", "registration_cancel", "registration_create", "registration_set_priority",
    "seats_taken", "session_add", "session_delete", "waitlist", "waitlist_position",
]  # fmt: skip
