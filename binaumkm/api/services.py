"""Writes of the API app: make and revoke personal tokens, and recognise a presented token."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy

from . import conf
from .events import Event
from .models import ApiToken

if TYPE_CHECKING:
    from binaumkm.accounts.models import User

TOKEN_PREFIX = "bu_"  # tells a leaked token apart in logs and secret scanners


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for the actor; returns it with the raw token, which is never stored or shown again."""
    policy.require(actor, "add", ApiToken)
    days = conf.TOKEN_DAYS if days is None else days
    if not 1 <= days <= conf.TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("Masa berlaku 1 sampai %(n)d hari.") % {"n": conf.TOKEN_MAX_DAYS}})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Beri nama token, misalnya aplikasi yang memakainya.")})
    now = timezone.now()
    live = ApiToken.objects.select_for_update().filter(user=actor, revoked_at=None, expires_at__gt=now)
    if live.count() >= conf.MAX_TOKENS:
        raise ValidationError(
            _("Paling banyak %(n)d token aktif. Cabut token yang tidak dipakai dulu.")
            % {"n": conf.MAX_TOKENS}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=raw[:10],
        key_hash=token_hash(raw),
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    audit.record(
        actor=actor, action=Event.TOKEN_CREATED, obj=token,
        data={"name": name, "prefix": token.prefix, "expires_at": token.expires_at.isoformat()},
    )  # fmt: skip
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, pk: int) -> ApiToken:
    """Revoke one of the actor's tokens (another user's is a 404); revoking twice changes nothing."""
    token = policy.get_object_or_404(actor, "revoke", ApiToken.objects.select_for_update(), pk=pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=Event.TOKEN_REVOKED, obj=token, data={"prefix": token.prefix})
    return token


# Writing "last used" on every request would turn each read into a write; once a minute is enough.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


def token_authenticate(raw: str) -> ApiToken | None:
    """The live token presented (not revoked, not expired, its user active), or None."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at=None, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
