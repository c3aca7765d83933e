"""Claim codes: the verified path by which a person links the owner record staff created (or
imported) to their own account, and the notice sent when someone signs up with data already held.

Sign-up never tells the visitor whether a NIK, phone or e-mail is registered (docs/operations.md,
"Sign-up without enumeration"). A person whose record already exists proves who they are with a
one-time code staff hand them on a printed registration slip, together with their NIK. Only a keyed
hash of the code is stored; a code expires after ``registry.conf.CLAIM_CODE_DAYS`` days and works once.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core import audit, policy
from binaumkm.registry import conf
from binaumkm.registry.events import Event
from binaumkm.registry.models import ClaimCode, Owner

# No 0/O, 1/I/L: read aloud and typed from paper without confusion. 31**10 is about 2**49.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class ClaimRefused(ValidationError):
    """A wrong, expired, used or unknown code (or NIK): one message for every case. Views count it
    as a failed guess for throttling."""


def claim_refused() -> ClaimRefused:
    return ClaimRefused(
        _(
            "NIK atau kode klaim tidak cocok, atau kode sudah dipakai atau kedaluwarsa. "
            "Periksa lagi, atau minta kode baru ke dinas."
        ),
        code="claim_refused",
    )


@dataclass(frozen=True)
class IssuedClaimCode:
    """The code in clear, for the slip printed in the same request; it is never stored."""

    owner: Owner
    code: str
    expires_at: datetime.datetime

    @property
    def display(self) -> str:
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"


def normalize_claim_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def _code_hash(owner_id: int, code: str) -> str:
    return salted_hmac("binaumkm.registry.claim_code", f"{owner_id}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def claim_code_issue(*, actor: User, owner: Owner) -> IssuedClaimCode:
    """A new one-time code for ``owner`` (replacing any unused one), for their registration slip."""
    policy.require(actor, "issue_claim", owner)
    owner = Owner.objects.select_for_update().get(pk=owner.pk)
    if owner.user_id is not None:
        raise ValidationError(
            _("Pemilik ini sudah punya akun. Minta ia masuk, atau mengatur ulang kata sandinya.")
        )
    replaced, _detail = ClaimCode.objects.filter(owner=owner, used_at__isnull=True).delete()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    expires_at = now + datetime.timedelta(days=conf.CLAIM_CODE_DAYS)
    ClaimCode.objects.create(
        owner=owner,
        code_hash=_code_hash(owner.pk, code),
        created_by=actor,
        created_at=now,
        expires_at=expires_at,
    )
    audit.record(
        actor=actor,
        action=Event.CLAIM_CODE_ISSUED,
        obj=owner,
        data={"expires_at": expires_at.isoformat(), "replaced": replaced},
    )
    return IssuedClaimCode(owner=owner, code=code, expires_at=expires_at)


def _valid_code(owner: Owner | None, code: str) -> ClaimCode | None:
    """The unused, unexpired code of ``owner`` matching ``code``, locked; every candidate is compared
    in constant time, and an unknown NIK still costs one hash."""
    code = normalize_claim_code(code)
    if owner is None:
        _code_hash(0, code)
        return None
    digest = _code_hash(owner.pk, code)
    candidates = ClaimCode.objects.select_for_update().filter(
        owner=owner, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    found = None
    for candidate in candidates:
        if constant_time_compare(candidate.code_hash, digest):
            found = candidate
    return found


@transaction.atomic
def owner_claim(*, actor: User | None, nik: str, code: str, account: dict[str, Any] | None = None) -> User:
    """Link the owner record with this NIK to an account, proven by its claim code.

    A signed-in ``actor`` links it to their own account; otherwise ``account`` (phone, email,
    password) creates a new owner account. Anything wrong about the NIK or code raises the one
    ``ClaimRefused`` message, so the page says nothing about who is registered.
    """
    owner = Owner.objects.select_for_update().filter(nik=nik).first()
    claim = _valid_code(owner, code)
    if owner is None or claim is None or owner.user_id is not None:
        raise claim_refused()
    if actor is not None and actor.is_authenticated:
        user = actor
        if Owner.objects.filter(user=user).exists():
            raise ValidationError(
                _("Akun Anda sudah terhubung dengan data pemilik lain. Hubungi dinas untuk menggabungkannya.")
            )
        assign_role(user, Role.OWNER)
    else:
        if not account:
            raise ValueError("account details are needed to claim without signing in")
        user = accounts.account_signup(
            role=Role.OWNER, full_name=owner.full_name, phone=account["phone"],
            email=account.get("email", ""), password=account["password"],
        )  # fmt: skip
    before = audit.snapshot(owner, ["phone", "email"])
    owner.user = user
    # A record staff created may lack the contacts the person now signs in with.
    owner.phone = owner.phone or (user.phone or "")
    owner.email = owner.email or user.email
    owner.save(update_fields=["user", "phone", "email", "updated_at"])
    claim.used_at = timezone.now()
    claim.used_by = user
    claim.save(update_fields=["used_at", "used_by"])
    audit.record(
        actor=user,
        action=Event.OWNER_CLAIMED,
        obj=owner,
        changes=audit.diff(before, audit.snapshot(owner, ["phone", "email"])),
        data={"new_account": actor is None or not actor.is_authenticated},
    )
    return user


def signup_duplicate_handle(*, owner: Owner | None, users: list[User], matched: list[str]) -> None:
    """Someone signed up with a NIK, phone or e-mail already held: nothing is created, the visitor is
    told nothing; the existing person hears (by e-mail, through the task worker) how to sign in,
    reset the password or claim their record."""
    from binaumkm.registry.tasks import signup_duplicate_notify_task

    subject = owner if owner is not None else users[0]
    audit.record(actor=None, action=Event.SIGNUP_DUPLICATE, obj=subject, data={"matched": matched})
    owner_id = owner.pk if owner is not None else None
    user_ids = [u.pk for u in users]
    transaction.on_commit(partial(signup_duplicate_notify_task.enqueue, owner_id, user_ids))
