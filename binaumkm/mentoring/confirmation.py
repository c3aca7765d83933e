"""The owner's one-time link to confirm a session (no database): signed, expiring, and bound to a
nonce stored on the session, which confirming clears, so a link works once."""

from __future__ import annotations

import secrets

from django.core import signing

SALT = "binaumkm.mentoring.session-confirm"


def new_nonce() -> str:
    return secrets.token_urlsafe(16)[:22]


def make_token(session_id: int, nonce: str) -> str:
    return signing.dumps({"s": session_id, "n": nonce}, salt=SALT, compress=False)


class LinkError(Exception):
    """The link is damaged, expired or not ours."""


def read_token(token: str, *, max_age_days: int) -> tuple[int, str]:
    """(session id, nonce) from a link younger than ``max_age_days``; LinkError otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
        return int(data["s"]), str(data["n"])
    except signing.SignatureExpired as exc:
        raise LinkError("expired") from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkError("invalid") from exc
