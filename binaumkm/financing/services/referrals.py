"""Writes of referrals on the agency's side: start (owner or staff), make ready when the checklist is
complete, the owner's consent, send to the bank with a numbered letter, withdraw, expire, close.
Every step goes through ``transition`` (one locked row, one state-log row, one audit entry)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.conf import site
from binaumkm.core.money import format_rupiah
from binaumkm.core.numbering import next_number
from binaumkm.core.official import require_signer
from binaumkm.registry.models import Business

from .. import conf, eligibility, workflow
from ..events import Event
from ..models import (
    OPEN_STATES,
    Branch,
    Consent,
    Referral,
    ReferralState,
    ReferralStep,
    Scheme,
)
from ..selectors import precheck
from .common import require_business

S = ReferralState
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
EVENTS = {
    "submit": Event.REFERRAL_SUBMITTED, "send": Event.REFERRAL_SENT, "receive": Event.REFERRAL_RECEIVED,
    "review": Event.REFERRAL_REVIEWED, "reject": Event.REFERRAL_REJECTED, "approve": Event.REFERRAL_APPROVED,
    "disburse": Event.REFERRAL_DISBURSED, "close": Event.REFERRAL_CLOSED, "withdraw": Event.REFERRAL_WITHDRAWN,
    "expire": Event.REFERRAL_EXPIRED,
}  # fmt: skip
# The policy action that allows each step.
POLICY_ACTIONS = {
    "submit": "submit", "send": "send", "receive": "handle", "review": "handle", "reject": "handle",
    "approve": "handle", "disburse": "handle", "close": "close", "withdraw": "withdraw", "expire": "expire",
}  # fmt: skip


def transition(
    *,
    actor: User | None,
    referral: Referral,
    action: str,
    reason: str = "",
    data: dict[str, Any] | None = None,
    apply: Callable[[Referral, datetime.datetime], None] | None = None,
    now: datetime.datetime | None = None,
) -> Referral:
    """Take one step: lock the referral, check who may take it and from which state, apply the
    step's changes, log the step and audit it. Call inside a transaction."""
    now = now or timezone.now()
    if actor is not None:
        policy.require(actor, POLICY_ACTIONS[action], referral)
    referral = (
        Referral.objects.select_for_update()
        .select_related("scheme", "branch__provider", "business")
        .get(pk=referral.pk)
    )
    target = workflow.next_state(action, referral.state)
    if target is None:
        raise ValidationError(workflow.refusal(action, referral.state))
    before = referral.state
    if apply is not None:
        apply(referral, now)
    ReferralStep.objects.create(
        referral=referral, from_state=before, to_state=target, at=now,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=audit.actor_label(actor)[:150], reason=(reason or "")[:500], data=data or {},
    )  # fmt: skip
    referral.state, referral.state_changed_at = target, now
    referral.save()
    audit.record(actor=actor, action=EVENTS[action], obj=referral, changes={"state": [before, target]},
                 data={**(data or {}), **({"reason": reason} if reason else {})})  # fmt: skip
    return referral


# --- Starting a referral -----------------------------------------------------------------------------


def _check_amount(scheme: Scheme, amount: int | None) -> int:
    if amount is None or isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({"amount": _("Isi jumlah dalam rupiah.")})
    if not scheme.amount_min <= amount <= scheme.amount_max:
        raise ValidationError({"amount": _("Jumlah untuk %(scheme)s antara %(low)s dan %(high)s.") % {
            "scheme": scheme.name, "low": format_rupiah(scheme.amount_min), "high": format_rupiah(scheme.amount_max)}})  # fmt: skip
    return amount


@transaction.atomic
def referral_create(
    *, actor: User, business: Business, scheme: Scheme, branch: Branch, amount: int | None, purpose: str
) -> Referral:
    """A draft referral. Refused when the business is not eligible for the scheme for any reason
    other than papers it can still upload, or already has an open referral for it."""
    policy.require(actor, "add", Referral)
    require_business(actor, business, staff_permission="financing.add_referral")
    if not scheme.is_active:
        raise ValidationError({"scheme": _("Skema ini tidak sedang dibuka.")})
    if not scheme.branches.filter(pk=branch.pk, is_active=True).exists():
        raise ValidationError(
            {"branch": _("Kantor ini tidak melayani %(scheme)s.") % {"scheme": scheme.name}}
        )
    amount = _check_amount(scheme, amount)
    purpose = (purpose or "").strip()
    if len(purpose) < 5:
        raise ValidationError({"purpose": _("Tulis keperluan dana, misalnya “tambah modal bahan baku”.")})
    assessment = precheck.assessment_for(business, scheme, amount=amount)
    if not (assessment.status == eligibility.ELIGIBLE or assessment.missing_documents_only):
        raise ValidationError([r.text for r in assessment.unmet] or [_("Belum memenuhi syarat skema ini.")])
    if Referral.objects.filter(
        business=business, scheme=scheme, state__in=(*OPEN_STATES, S.DISBURSED)
    ).exists():
        raise ValidationError(
            _("Usaha ini sudah punya pengajuan %(scheme)s yang masih berjalan.") % {"scheme": scheme.name}
        )
    now = timezone.now()
    referral = Referral(business=business, scheme=scheme, branch=branch, amount=amount, purpose=purpose[:300],
                        state=S.DRAFT, state_changed_at=now, created_by=actor)  # fmt: skip
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:  # a parallel request created it first
        raise ValidationError(
            _("Usaha ini sudah punya pengajuan %(scheme)s yang masih berjalan.") % {"scheme": scheme.name}
        ) from None
    ReferralStep.objects.create(referral=referral, from_state="", to_state=S.DRAFT, at=now,
                                actor=actor, actor_label=audit.actor_label(actor)[:150])  # fmt: skip
    audit.record(actor=actor, action=Event.REFERRAL_CREATED, obj=referral,
                 data={"scheme": scheme.name, "branch": str(branch), "amount": amount})  # fmt: skip
    return referral


@transaction.atomic
def referral_submit(*, actor: User, referral: Referral) -> Referral:
    """Draft -> ready: only when the checklist is complete (eligible with the amount asked)."""
    snapshot = precheck.referral_checklist(referral)
    if snapshot["status"] != eligibility.ELIGIBLE:
        raise ValidationError([item["text"] for item in snapshot["items"] if not item["met"]])

    def apply(r: Referral, now) -> None:
        r.checklist = {**(r.checklist or {}), "ready": snapshot}

    return transition(actor=actor, referral=referral, action="submit", apply=apply)


def consent_text(referral: Referral) -> str:
    """What the owner agrees to: these papers, to this office, for this purpose and amount."""
    papers = precheck.referral_checklist(referral)["documents"]
    docs = ", ".join(
        dict.fromkeys(str(eligibility.DOCUMENT_LABELS.get(d["kind"], d["kind"])) for d in papers)
    )
    return _(
        "Saya, %(owner)s, pemilik usaha “%(business)s”, menyetujui %(agency)s membagikan data usaha dan berkas "
        "saya (%(docs)s) kepada %(branch)s, hanya untuk keperluan pengajuan %(scheme)s sebesar %(amount)s guna "
        "%(purpose)s. Persetujuan ini dapat saya tarik sebelum rujukan dikirim."
    ) % {
        "owner": referral.business.owner.full_name, "business": referral.business.name,
        "agency": site()["AGENCY_SHORT_NAME"], "docs": docs or "-", "branch": str(referral.branch),
        "scheme": referral.scheme.name, "amount": format_rupiah(referral.amount), "purpose": referral.purpose,
    }  # fmt: skip


@transaction.atomic
def referral_consent(*, actor: User, referral: Referral) -> Consent:
    """The owner's own consent to share the file with this branch for this purpose (UU PDP)."""
    policy.require(actor, "consent", referral)
    referral = (
        Referral.objects.select_for_update()
        .select_related("business__owner", "scheme", "branch__provider")
        .get(pk=referral.pk)
    )
    if referral.state not in (S.DRAFT, S.READY):
        raise ValidationError(_("Persetujuan diberikan sebelum rujukan dikirim."))
    if referral.consents.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(_("Persetujuan Anda sudah tercatat."))
    consent = Consent.objects.create(
        referral=referral, given_by=actor, given_at=timezone.now(), text=consent_text(referral)
    )
    audit.record(
        actor=actor, action=Event.REFERRAL_CONSENTED, obj=referral, data={"branch": str(referral.branch)}
    )
    return consent


def letter_number(day: datetime.date) -> str:
    seq = next_number("financing.referral", day.year)
    pattern = conf.LETTER_NUMBER_PATTERN
    return pattern.format(seq=seq, year=day.year, month=day.month, month_roman=ROMAN_MONTHS[day.month - 1])


@transaction.atomic
def referral_send(*, actor: User, referral: Referral) -> Referral:
    """Ready -> sent: the owner's consent is recorded, the checklist is still complete and every paper
    was verified by staff; the letter gets its number (kept if the sending is later reversed)."""
    if not policy.can(actor, "send", referral):
        raise PermissionDenied
    require_signer()  # the referral letter is a signed naskah dinas
    if not referral.consents.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(_("Pemilik belum memberi persetujuan berbagi berkas dengan bank ini."))
    snapshot = precheck.referral_checklist(referral)
    if snapshot["status"] != eligibility.ELIGIBLE:
        raise ValidationError([item["text"] for item in snapshot["items"] if not item["met"]])
    unverified = [d["label"] for d in snapshot["documents"] if not d["verified"]]
    if unverified:
        raise ValidationError(_("Periksa dan verifikasi dulu: %(docs)s.") % {"docs": ", ".join(unverified)})

    def apply(r: Referral, now) -> None:
        r.checklist = {**(r.checklist or {}), "sent": snapshot}
        r.sent_at = now
        if not r.number:
            r.number = letter_number(timezone.localdate(now))

    referral = transition(actor=actor, referral=referral, action="send", apply=apply)
    from ..tasks import notify_sent

    transaction.on_commit(lambda: notify_sent.enqueue(referral.pk))
    return referral


@transaction.atomic
def referral_withdraw(*, actor: User, referral: Referral, reason: str) -> Referral:
    """The owner (or staff for them) withdraws an open referral; the consent ends with it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan penarikan.")})

    def apply(r: Referral, now) -> None:
        r.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)

    return transition(actor=actor, referral=referral, action="withdraw", reason=reason, apply=apply)


@transaction.atomic
def referral_expire(*, actor: User | None, referral: Referral, reason: str = "") -> Referral:
    return transition(actor=actor, referral=referral, action="expire",
                      reason=reason or _("Tidak ada langkah dalam batas waktu."))  # fmt: skip


@transaction.atomic
def referral_close(*, actor: User, referral: Referral, reason: str) -> Referral:
    """Disbursed -> closed: the loan is repaid or the follow-up period is over."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis keterangan penutupan, misalnya “lunas”.")})
    return transition(actor=actor, referral=referral, action="close", reason=reason)


def referral_bundle_logged(*, actor: User, referral: Referral, documents: int) -> None:
    """Log one download of the referral's file (letter and papers) for the bank."""
    audit.record(
        actor=actor, action=Event.REFERRAL_BUNDLE_DOWNLOADED, obj=referral, data={"documents": documents}
    )
