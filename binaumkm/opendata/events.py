"""Audit event codes of the open-data app (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    RELEASE_CREATED = "opendata.release.created", _("Rilis data terbuka dibuat")
    RELEASE_PUBLISHED = "opendata.release.published", _("Berkas rilis data terbuka diterbitkan")
