"""The bank's steps, taken by an officer of the branch the referral was sent to: acknowledge
receipt, accept for review or reject (with a reason code), approve, record the disbursement. And the
reversal of a mistaken step, which keeps both steps in the history with its reason."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.money import format_rupiah

from .. import conf, eligibility
from ..events import Event
from ..models import BANK_STATES, FollowUp, Referral, ReferralState, ReferralStep, RejectionReason
from .referrals import transition

S = ReferralState


def _notify_owner(referral: Referral) -> None:
    from ..tasks import notify_decision

    transaction.on_commit(lambda: notify_decision.enqueue(referral.pk))


@transaction.atomic
def referral_receive(*, actor: User, referral: Referral) -> Referral:
    return transition(actor=actor, referral=referral, action="receive")


@transaction.atomic
def referral_review(*, actor: User, referral: Referral) -> Referral:
    """Accepted for review: the bank has what it needs to assess the application."""
    return transition(actor=actor, referral=referral, action="review")


@transaction.atomic
def referral_reject(*, actor: User, referral: Referral, reason_code: str, note: str = "") -> Referral:
    if reason_code not in RejectionReason.values:
        raise ValidationError({"reason_code": _("Pilih alasan penolakan.")})
    if reason_code == RejectionReason.OTHER and not (note or "").strip():
        raise ValidationError({"note": _("Tulis alasannya bila memilih “Alasan lain”.")})

    def apply(r: Referral, now) -> None:
        r.rejection_reason, r.decided_at = reason_code, now

    referral = transition(actor=actor, referral=referral, action="reject", reason=(note or "").strip(),
                          data={"reason_code": reason_code}, apply=apply)  # fmt: skip
    _notify_owner(referral)
    return referral


@transaction.atomic
def referral_approve(*, actor: User, referral: Referral, amount: int | None) -> Referral:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Isi jumlah yang disetujui.")})
    if amount > referral.scheme.amount_max:
        raise ValidationError({"amount": _("Jumlah melebihi batas skema (%(max)s).") % {
            "max": format_rupiah(referral.scheme.amount_max)}})  # fmt: skip

    def apply(r: Referral, now) -> None:
        r.approved_amount, r.decided_at = amount, now

    referral = transition(
        actor=actor, referral=referral, action="approve", data={"amount": amount}, apply=apply
    )
    _notify_owner(referral)
    return referral


@transaction.atomic
def referral_disburse(
    *,
    actor: User,
    referral: Referral,
    amount: int | None,
    disbursed_on: datetime.date | None,
    contract_number: str,
) -> Referral:
    """Approved -> disbursed, once: the row lock makes a second request wait and then find the
    referral already disbursed; the database refuses a second disbursal step in any case. Schedules
    the follow-ups at 3, 6 and 12 months."""
    contract_number = (contract_number or "").strip()
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Isi jumlah yang dicairkan.")})
    if disbursed_on is None:
        raise ValidationError({"disbursed_on": _("Isi tanggal pencairan.")})
    if disbursed_on > timezone.localdate():
        raise ValidationError({"disbursed_on": _("Tanggal pencairan tidak boleh di masa depan.")})
    if not contract_number:
        raise ValidationError({"contract_number": _("Isi nomor akad kredit.")})

    def apply(r: Referral, now) -> None:
        if r.approved_amount and amount > r.approved_amount:
            raise ValidationError({"amount": _("Jumlah cair melebihi jumlah yang disetujui (%(a)s).") % {
                "a": format_rupiah(r.approved_amount)}})  # fmt: skip
        if r.sent_at and disbursed_on < timezone.localdate(r.sent_at):
            raise ValidationError({"disbursed_on": _("Tanggal pencairan sebelum rujukan dikirim.")})
        r.disbursed_amount, r.disbursed_on, r.contract_number = amount, disbursed_on, contract_number[:60]

    try:
        with transaction.atomic():
            referral = transition(actor=actor, referral=referral, action="disburse", apply=apply,
                                  data={"amount": amount, "date": disbursed_on.isoformat(), "contract": contract_number})  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("Rujukan ini sudah dicairkan; pencairan tidak dicatat dua kali.")) from None
    FollowUp.objects.bulk_create([
        FollowUp(referral=referral, months=m, due_on=eligibility.add_months(disbursed_on, m))
        for m in conf.FOLLOWUP_MONTHS
    ])  # fmt: skip
    _notify_owner(referral)
    return referral


# What a step set, cleared again when it is reversed.
UNDO = {
    S.SENT: ("sent_at",),
    S.REJECTED: ("rejection_reason", "decided_at"),
    S.APPROVED: ("approved_amount", "decided_at"),
    S.DISBURSED: ("disbursed_amount", "disbursed_on", "contract_number"),
}
BLANK = {"rejection_reason": "", "contract_number": ""}


@transaction.atomic
def referral_reverse(*, actor: User, referral: Referral, reason: str) -> ReferralStep:
    """Undo the referral's latest step: the referral returns to the state before it. The mistaken
    step keeps its row (marked reversed) and a reversal step records who undid it, when and why.
    Bank officers may reverse the bank's steps; staff holding ``reverse_referral_step`` any step."""
    policy.require(actor, "reverse", referral)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Tulis alasan pembatalan langkah ini (paling sedikit 5 huruf).")})
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    step = (
        referral.steps.filter(reversed=False, reverses__isnull=True, to_state=referral.state)
        .exclude(from_state="").order_by("-at", "-id").first()
    )  # fmt: skip
    if step is None:
        raise ValidationError(_("Tidak ada langkah yang bisa dibatalkan."))
    if step.to_state not in BANK_STATES and not policy.holds(actor, "financing.reverse_referral_step"):
        raise PermissionDenied
    if step.to_state == S.DISBURSED and referral.followups.filter(done_at__isnull=False).exists():
        raise ValidationError(
            _("Tindak lanjut sudah dicatat untuk pencairan ini; pencairan tidak bisa dibatalkan.")
        )
    now = timezone.now()
    for name in UNDO.get(step.to_state, ()):  # type: ignore[call-overload]
        setattr(referral, name, BLANK.get(name))
    if step.to_state == S.DISBURSED:
        referral.followups.filter(done_at__isnull=True).delete()
    before = referral.state
    referral.state, referral.state_changed_at = step.from_state, now
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        raise ValidationError(
            _("Usaha ini sudah punya pengajuan lain untuk skema ini yang masih berjalan.")
        ) from None
    step.reversed = True
    step.save(update_fields=["reversed"])
    reversal = ReferralStep.objects.create(
        referral=referral, from_state=before, to_state=step.from_state, at=now, actor=actor,
        actor_label=audit.actor_label(actor)[:150], reason=reason[:500], reverses=step,
    )  # fmt: skip
    audit.record(actor=actor, action=Event.REFERRAL_REVERSED, obj=referral,
                 changes={"state": [before, step.from_state]}, data={"reason": reason, "step": step.pk})  # fmt: skip
    return reversal
