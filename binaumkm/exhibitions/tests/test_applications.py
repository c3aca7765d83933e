"""The open call: opening it, applying with the automatic checks, re-checking, withdrawing, closing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import Exhibition, State, Status
from binaumkm.exhibitions.tests.factories import (
    ExhibitionFactory,
    apply,
    exhibition_with_booths,
    owner_with_business,
)
from binaumkm.registry.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
S = Status


def test_opening_the_call_needs_a_window_a_venue_booths_and_criteria(staff_user):
    exhibition = services.exhibition_create(actor=staff_user, data={"name": "UKM Expo", "kind": "expo"})
    assert exhibition.state == State.PLANNING and exhibition.criteria.count() == 3  # Solo's three criteria
    with pytest.raises(ValidationError) as info:
        services.exhibition_open_call(actor=staff_user, exhibition=exhibition)
    assert len(info.value.messages) == 3  # window, venue, booth
    ready = exhibition_with_booths(2, state=State.PLANNING)
    services.exhibition_open_call(actor=staff_user, exhibition=ready)
    ready.refresh_from_db()
    assert ready.state == State.OPEN_CALL
    assert AuditEntry.objects.filter(action=Event.STATE_CHANGED, object_id=str(ready.pk)).exists()
    assert AuditEntry.objects.filter(action=Event.EXHIBITION_CREATED).exists()


def test_an_eligible_application(areas):
    exhibition = exhibition_with_booths(2)
    user, business = owner_with_business(category="makanan")
    application = apply(user, business, exhibition, needs_electricity=True, note="Bawa kompor listrik")
    assert application.status == S.ELIGIBLE and application.problems == []
    assert application.sector == "makanan" and application.kecamatan_id == business.kelurahan.kecamatan_id
    assert AuditEntry.objects.get(action=Event.APPLICATION_SUBMITTED).data == {"products": 1, "problems": 0}


def test_each_failed_rule_is_a_sentence_and_the_application_waits_to_be_fixed(areas):
    exhibition = exhibition_with_booths(2, target_sectors=["kerajinan"])
    user, business = owner_with_business(category="kerajinan", verification="baru")
    food = ProductFactory(business=business, category="makanan", name="Keripik Tempe", pirt_number="")
    ProductFactory(business=business, category="kerajinan", name="Tas Lama", is_active=False)
    application = services.application_submit(actor=user, exhibition=exhibition, business=business,
                                              products=list(business.products.all()))  # fmt: skip
    assert application.status == S.SUBMITTED
    text = " ".join(application.problems)
    assert "belum terverifikasi" in text
    assert "“Keripik Tempe” belum punya nomor P-IRT atau BPOM" in text
    assert "“Tas Lama” sedang tidak dijual" in text
    # The business gets verified, the snack a P-IRT number, the bag goes back on sale: re-check.
    business.verification = "terverifikasi"
    business.save()
    food.pirt_number = "123456789012345"
    food.save()
    business.products.filter(is_active=False).update(is_active=True)
    application = services.application_recheck(actor=user, application=application)
    # Two crafts and one food product: the sector stays crafts, a target sector.
    assert application.status == S.ELIGIBLE, application.problems
    assert AuditEntry.objects.filter(action=Event.APPLICATION_CHECKED).exists()


def test_food_licence_must_outlast_the_exhibition(areas):
    exhibition = exhibition_with_booths(1)
    last = exhibition.venues.get().end_date
    user, business = owner_with_business(category="makanan", pirt_number="123456789012345",
                                         pirt_expiry=last - datetime.timedelta(days=1))  # fmt: skip
    business.products.update(pirt_number="")
    application = apply(user, business, exhibition)
    assert application.status == S.SUBMITTED
    assert "Izin P-IRT" in application.problems[0] and "sebelum acara berakhir" in application.problems[0]


def test_the_sector_must_be_a_target(areas):
    exhibition = exhibition_with_booths(1, target_sectors=["batik", "kerajinan"])
    application = apply(*owner_with_business(category="fesyen"), exhibition)
    assert application.status == S.SUBMITTED
    assert "bukan sasaran acara ini (sasaran: Batik dan kain, Kerajinan)" in application.problems[0]


def test_refusals_outside_the_window_and_for_another_owners_business(areas):
    user, business = owner_with_business()
    _other_user, others = owner_with_business()
    exhibition = exhibition_with_booths(1)
    with pytest.raises(PermissionDenied):
        apply(user, others, exhibition)
    with pytest.raises(ValidationError, match="harus milik usaha ini"):
        services.application_submit(actor=user, exhibition=exhibition, business=business,
                                    products=list(others.products.all()))  # fmt: skip
    apply(user, business, exhibition)
    with pytest.raises(ValidationError, match="sudah mendaftar di pameran ini"):
        apply(user, business, exhibition)
    later = exhibition_with_booths(1, call_opens_at=timezone.now() + datetime.timedelta(days=1),
                                   call_closes_at=timezone.now() + datetime.timedelta(days=2))  # fmt: skip
    with pytest.raises(ValidationError, match="belum dibuka; dibuka pada"):
        apply(user, business, later)
    closed = exhibition_with_booths(1, call_opens_at=timezone.now() - datetime.timedelta(days=2),
                                    call_closes_at=timezone.now() - datetime.timedelta(hours=1))  # fmt: skip
    with pytest.raises(ValidationError, match="sudah ditutup pada"):
        apply(user, business, closed)
    with pytest.raises(ValidationError, match="tidak sedang membuka pendaftaran"):
        apply(
            user, business, ExhibitionFactory(state=State.PLANNING, call_opens_at=None, call_closes_at=None)
        )


def test_withdrawn_applicants_may_apply_again_while_open(areas):
    exhibition = exhibition_with_booths(1)
    user, business = owner_with_business()
    application = apply(user, business, exhibition)
    services.application_withdraw(actor=user, application=application)
    again = apply(user, business, exhibition)
    assert again.pk == application.pk and again.status == S.ELIGIBLE


def test_closing_the_call_rechecks_everyone(areas, staff_user):
    exhibition = exhibition_with_booths(1)
    ok = apply(*owner_with_business(), exhibition)
    user, business = owner_with_business()
    late = apply(user, business, exhibition)
    business.status = "tutup"
    business.save()
    services.exhibition_close_call(actor=staff_user, exhibition=exhibition)
    ok.refresh_from_db(), late.refresh_from_db()
    assert ok.status == S.ELIGIBLE
    assert late.status == S.INELIGIBLE and "berstatus tutup" in late.problems[0]
    exhibition = Exhibition.objects.get(pk=exhibition.pk)
    assert exhibition.state == State.CURATION and exhibition.call_closes_at <= timezone.now()
    with pytest.raises(ValidationError, match="Pendaftaran sudah ditutup"):
        apply(*owner_with_business(), exhibition)
