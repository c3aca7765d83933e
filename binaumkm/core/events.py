"""Audit event codes of core (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    AREAS_LOADED = "core.areas.loaded", _("Data wilayah dimuat")
    DEMO_SEEDED = "core.demo.seeded", _("Data demo dibuat")
