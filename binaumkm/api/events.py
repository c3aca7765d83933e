"""Audit event codes of the API (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    TOKEN_CREATED = "api.token.created", _("Token API dibuat")
    TOKEN_REVOKED = "api.token.revoked", _("Token API dicabut")
