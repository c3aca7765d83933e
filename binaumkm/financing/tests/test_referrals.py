"""Referrals through their states: each step, who may take it, and every refusal in plain words."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from binaumkm.core.models import AuditEntry, Counter
from binaumkm.financing import services
from binaumkm.financing.events import Event
from binaumkm.financing.models import FollowUp, Referral, ReferralState, ReferralStep

from .factories import owner_with_business, papers, referral_to

S = ReferralState
pytestmark = pytest.mark.django_db


def create(w, **overrides):
    values = {"actor": w.owner, "business": w.business, "scheme": w.scheme, "branch": w.branch, "amount": 25_000_000,
                  "purpose": "tambah modal bahan baku"}  # fmt: skip
    values.update(overrides)
    return services.referral_create(**values)


def audited(event, referral) -> bool:
    return AuditEntry.objects.filter(action=event, object_id=str(referral.pk)).exists()


def test_owner_starts_a_draft_while_only_papers_are_missing(world):
    referral = create(world)
    assert referral.state == S.DRAFT and audited(Event.REFERRAL_CREATED, referral)
    assert referral.steps.get().to_state == S.DRAFT


def test_a_draft_is_refused_when_ineligible_for_other_reasons(world):
    world.business.size_class = "menengah"
    world.business.save()
    with pytest.raises(ValidationError) as exc:
        create(world)
    assert "Usaha skala menengah; skema ini untuk usaha mikro atau kecil." in exc.value.messages


@pytest.mark.parametrize(("amount", "message"), [
    (5_000_000, "Jumlah untuk KUR"), (150_000_000, "antara Rp10.000.000 dan Rp100.000.000"), (None, "Isi jumlah"),
])  # fmt: skip
def test_amount_must_be_whole_rupiah_within_the_scheme(world, amount, message):
    with pytest.raises(ValidationError) as exc:
        create(world, amount=amount)
    assert message in str(exc.value.message_dict["amount"])


def test_only_one_open_referral_per_business_and_scheme(world):
    create(world)
    with pytest.raises(ValidationError, match="sudah punya pengajuan"):
        create(world, branch=world.other_branch)


def test_the_database_holds_one_open_referral_per_business_and_scheme(world):
    first = create(world)
    clone = Referral(business=first.business, scheme=first.scheme, branch=world.other_branch, amount=first.amount,
                     purpose="x", state=S.SENT, state_changed_at=timezone.now())  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()
    clone.state = S.WITHDRAWN  # a closed one beside the open one is fine
    clone.save()


def test_another_owner_cannot_refer_my_business(world):
    stranger, _business = owner_with_business()
    with pytest.raises(PermissionDenied):
        create(world, actor=stranger)


def test_submit_needs_a_complete_checklist_then_snapshots_it(world):
    referral = create(world)
    with pytest.raises(ValidationError) as exc:
        services.referral_submit(actor=world.owner, referral=referral)
    assert "KTP belum ada" in exc.value.messages
    papers(world.owner, world.business)
    referral = services.referral_submit(actor=world.owner, referral=referral)
    assert referral.state == S.READY and referral.checklist["ready"]["status"] == "layak"
    assert {d["kind"] for d in referral.checklist["ready"]["documents"]} == {"ktp", "kk", "nib"}
    assert audited(Event.REFERRAL_SUBMITTED, referral)


def test_sending_needs_consent_and_verified_papers_then_numbers_the_letter(
    world, django_capture_on_commit_callbacks
):
    papers(world.owner, world.business)
    referral = create(world)
    services.referral_submit(actor=world.owner, referral=referral)
    with pytest.raises(ValidationError, match="belum memberi persetujuan"):
        services.referral_send(actor=world.staff, referral=referral)
    services.referral_consent(actor=world.owner, referral=referral)
    assert audited(Event.REFERRAL_CONSENTED, referral)
    with pytest.raises(
        ValidationError, match=r"verifikasi dulu: Kartu keluarga \(KK\), KTP elektronik, NIB \(OSS\)"
    ):
        services.referral_send(actor=world.staff, referral=referral)
    for doc in world.business.financing_documents.all():
        services.document_verify(actor=world.staff, document=doc)
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_send(actor=world.staff, referral=referral)
    year = timezone.localdate().year
    assert (
        referral.state == S.SENT
        and referral.number.startswith("500.3/001/RJK/")
        and referral.number.endswith(f"/{year}")
    )
    assert Counter.objects.get(key="financing.referral", year=year).last == 1
    assert referral.checklist["sent"]["status"] == "layak" and audited(Event.REFERRAL_SENT, referral)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([world.branch.email, world.officer.email])
    assert referral.number in mail.outbox[0].subject


def test_consent_is_the_owners_own(world):
    referral = create(world)
    with pytest.raises(PermissionDenied):
        services.referral_consent(actor=world.staff, referral=referral)
    services.referral_consent(actor=world.owner, referral=referral)
    with pytest.raises(ValidationError, match="sudah tercatat"):
        services.referral_consent(actor=world.owner, referral=referral)
    consent = referral.consents.get()
    assert str(world.branch) in consent.text and "tambah modal bahan baku" in consent.text


def test_the_bank_path_to_disbursement_and_the_follow_ups(world, django_capture_on_commit_callbacks):
    referral = referral_to(S.APPROVED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    assert referral.approved_amount == 25_000_000 and referral.decided_at is not None
    for event in (Event.REFERRAL_RECEIVED, Event.REFERRAL_REVIEWED, Event.REFERRAL_APPROVED):
        assert audited(event, referral)
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_disburse(actor=world.officer, referral=referral, amount=25_000_000,
                                              disbursed_on=timezone.localdate(), contract_number="AK/KUR/0001")  # fmt: skip
    assert referral.state == S.DISBURSED and audited(Event.REFERRAL_DISBURSED, referral)
    assert sorted(referral.followups.values_list("months", flat=True)) == [3, 6, 12]
    assert [m.subject for m in mail.outbox if world.business.owner.email in m.to][-1].endswith("Dicairkan")


def test_a_referral_cannot_be_disbursed_twice(world):
    referral = referral_to(S.DISBURSED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    with pytest.raises(ValidationError, match="sudah dicairkan; pencairan tidak dicatat dua kali"):
        services.referral_disburse(actor=world.officer, referral=referral, amount=1_000_000,
                                   disbursed_on=timezone.localdate(), contract_number="AK-2")  # fmt: skip
    assert referral.steps.filter(to_state=S.DISBURSED).count() == 1


def test_the_database_refuses_a_second_disbursal_step(world):
    referral = referral_to(S.DISBURSED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralStep.objects.create(referral=referral, from_state=S.APPROVED, to_state=S.DISBURSED,
                                    at=timezone.now(), actor_label="x")  # fmt: skip


def test_disbursal_refusals(world):
    referral = referral_to(S.APPROVED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    cases = [
        ({"amount": 30_000_000, "disbursed_on": timezone.localdate(), "contract_number": "A"}, "melebihi jumlah yang disetujui"),
        ({"amount": 1, "disbursed_on": timezone.localdate() + datetime.timedelta(days=1), "contract_number": "A"}, "masa depan"),
        ({"amount": 1, "disbursed_on": timezone.localdate(), "contract_number": " "}, "nomor akad"),
    ]  # fmt: skip
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.referral_disburse(actor=world.officer, referral=referral, **kwargs)
    assert Referral.objects.get(pk=referral.pk).state == S.APPROVED


def test_another_branchs_officer_cannot_act(world):
    referral = referral_to(S.SENT, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.referral_receive(actor=world.other_officer, referral=referral)
    with pytest.raises(PermissionDenied):
        services.referral_receive(actor=world.owner, referral=referral)


def test_officers_see_referrals_once_sent_to_their_branch_only(world):
    from binaumkm.core import policy

    referral = create(world)
    assert not policy.can(world.officer, "bank", referral)  # a draft
    papers(world.owner, world.business, staff=world.staff)
    services.referral_consent(actor=world.owner, referral=referral)
    services.referral_submit(actor=world.owner, referral=referral)
    referral = services.referral_send(actor=world.staff, referral=referral)
    assert policy.can(world.officer, "bank", referral)
    assert not policy.can(world.other_officer, "bank", referral)


def test_rejection_needs_a_reason_code(world):
    referral = referral_to(S.REVIEW, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    with pytest.raises(ValidationError):
        services.referral_reject(actor=world.officer, referral=referral, reason_code="bosan")
    with pytest.raises(ValidationError, match="Alasan lain"):
        services.referral_reject(actor=world.officer, referral=referral, reason_code="lainnya")
    referral = services.referral_reject(actor=world.officer, referral=referral, reason_code="kemampuan")
    assert (
        referral.state == S.REJECTED
        and referral.rejection_reason == "kemampuan"
        and audited(Event.REFERRAL_REJECTED, referral)
    )


def test_reversing_a_mistaken_approval_keeps_both_steps_with_the_reason(world):
    referral = referral_to(S.APPROVED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    approval = referral.steps.get(to_state=S.APPROVED)

    with pytest.raises(ValidationError, match="alasan"):
        services.referral_reverse(actor=world.officer, referral=referral, reason="")
    reversal = services.referral_reverse(actor=world.officer, referral=referral,
                                         reason="Salah klik: yang disetujui rujukan lain")  # fmt: skip

    referral.refresh_from_db()
    assert referral.state == S.REVIEW and referral.approved_amount is None and referral.decided_at is None
    approval.refresh_from_db()
    assert approval.reversed and approval.to_state == S.APPROVED  # the approval stays, marked reversed
    assert reversal.reverses == approval and reversal.reason == "Salah klik: yang disetujui rujukan lain"
    assert (reversal.from_state, reversal.to_state) == (S.APPROVED, S.REVIEW)
    history = list(referral.steps.values_list("to_state", "reversed", "reason"))
    assert history[-2:] == [
        (S.APPROVED, True, ""),
        (S.REVIEW, False, "Salah klik: yang disetujui rujukan lain"),
    ]
    assert not referral.steps.filter(to_state=S.REJECTED).exists()  # no false rejection
    assert audited(Event.REFERRAL_REVERSED, referral)
    # The bank can then take the right decision.
    referral = services.referral_reject(actor=world.officer, referral=referral, reason_code="slik")
    assert referral.state == S.REJECTED


def test_officers_reverse_bank_steps_only_and_staff_any(world):
    referral = referral_to(S.SENT, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.referral_reverse(actor=world.officer, referral=referral, reason="bukan langkah bank")
    services.referral_reverse(actor=world.staff, referral=referral, reason="dikirim ke kantor yang salah")
    referral.refresh_from_db()
    assert referral.state == S.READY and referral.sent_at is None and referral.number  # the number is kept
    number = referral.number
    referral = services.referral_send(actor=world.staff, referral=referral)
    assert referral.number == number


def test_reversed_disbursal_removes_pending_follow_ups_and_may_be_recorded_again(world):
    referral = referral_to(S.DISBURSED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    services.referral_reverse(actor=world.officer, referral=referral, reason="nomor akad salah ketik")
    referral.refresh_from_db()
    assert (
        referral.state == S.APPROVED and referral.disbursed_amount is None and not referral.followups.exists()
    )
    referral = services.referral_disburse(actor=world.officer, referral=referral, amount=25_000_000,
                                          disbursed_on=timezone.localdate(), contract_number="AK-002")  # fmt: skip
    assert referral.steps.filter(to_state=S.DISBURSED).count() == 2
    assert referral.steps.filter(to_state=S.DISBURSED, reversed=False).count() == 1
    assert FollowUp.objects.filter(referral=referral).count() == 3


def test_withdraw_ends_the_consent_and_close_needs_a_note(world):
    referral = create(world)
    services.referral_consent(actor=world.owner, referral=referral)
    with pytest.raises(ValidationError):
        services.referral_withdraw(actor=world.owner, referral=referral, reason="")
    referral = services.referral_withdraw(
        actor=world.owner, referral=referral, reason="sudah dapat modal dari keluarga"
    )
    assert referral.state == S.WITHDRAWN and not referral.consents.filter(withdrawn_at__isnull=True).exists()
    assert audited(Event.REFERRAL_WITHDRAWN, referral)
    with pytest.raises(ValidationError, match="tidak bisa dilakukan"):
        services.referral_withdraw(actor=world.owner, referral=referral, reason="lagi")


def test_closing_after_disbursement(world):
    referral = referral_to(S.CLOSED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    assert referral.state == S.CLOSED and audited(Event.REFERRAL_CLOSED, referral)
