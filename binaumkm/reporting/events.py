"""Audit event codes of reporting (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    SNAPSHOTS_REQUESTED = "reporting.snapshots.requested", _("Pembaruan snapshot laporan diminta")
    SNAPSHOTS_REFRESHED = "reporting.snapshots.refreshed", _("Snapshot laporan diperbarui")
