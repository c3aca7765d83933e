"""Reads of the API app: a user's own tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from .models import ApiToken


def tokens_own(*, actor: Actor) -> QuerySet[ApiToken]:
    return policy.scope(actor, "view", ApiToken).order_by("-created_at", "-id")
