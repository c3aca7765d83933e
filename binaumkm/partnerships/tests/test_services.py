"""Rules and state transitions of stores and partnerships: one test per transition and per refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.partnerships import conf, selectors, services
from binaumkm.partnerships.events import Event
from binaumkm.partnerships.models import PartnershipStatus, StoreStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory, partners
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def actions(obj):
    return list(AuditEntry.objects.filter(object_id=str(obj.pk)).values_list("action", flat=True))


def offer(staff_user, store=None, business=None, **data):
    return services.partnership_create(
        actor=staff_user, store=store or StoreFactory(), business=business or BusinessFactory(),
        data={"form": "konsinyasi", **data},
    )  # fmt: skip


# --- Partnership refusals ---------------------------------------------------------------------------


def test_refuses_unverified_business(staff_user, areas):
    with pytest.raises(ValidationError, match="belum terverifikasi"):
        offer(staff_user, business=BusinessFactory(verification="baru"))


def test_refuses_closed_business(staff_user, areas):
    with pytest.raises(ValidationError, match="sudah tutup"):
        offer(staff_user, business=BusinessFactory(status="tutup"))


def test_refuses_same_business_twice(staff_user, areas):
    store, business = StoreFactory(), BusinessFactory()
    offer(staff_user, store, business)
    with pytest.raises(ValidationError, match="sudah bermitra atau sedang ditawari"):
        offer(staff_user, store, business)


def test_same_business_again_after_the_first_ended(staff_user, areas):
    store, business = StoreFactory(), BusinessFactory()
    PartnershipFactory(store=store, business=business, status="berakhir", end_date=datetime.date(2021, 1, 1))
    assert offer(staff_user, store, business).status == PartnershipStatus.PROPOSED


def test_refuses_reversed_dates(staff_user, areas):
    with pytest.raises(ValidationError, match="sesudah tanggal mulai"):
        offer(staff_user, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 1))


def test_refuses_closed_store(staff_user, areas):
    store = StoreFactory(status=StoreStatus.CLOSED, closed_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="sudah tutup"):
        offer(staff_user, store)


def test_refuses_products_of_another_business(staff_user, areas):
    store, business = StoreFactory(), BusinessFactory()
    with pytest.raises(ValidationError, match="harus milik UMKM"):
        services.partnership_create(actor=staff_user, store=store, business=business, data={"form": "pasokan"},
                                    products=[ProductFactory()])  # fmt: skip


def test_only_agency_records_partnerships(owner_user, areas):
    with pytest.raises(PermissionDenied):
        offer(owner_user)


def test_listing_fee_over_the_cap_is_a_warning_not_a_refusal(staff_user, areas):
    store = StoreFactory(store_type="minimarket")
    p = offer(staff_user, store, listing_fee=60_000)
    assert p.listing_fee_exceeds_cap
    assert "melebihi batas Permendag 23/2021" in services.listing_fee_warning(store, p.listing_fee)
    assert services.listing_fee_warning(store, 50_000) is None
    assert services.listing_fee_warning(StoreFactory(store_type="hypermarket"), 150_000) is None
    assert services.listing_fee_warning(StoreFactory(store_type="supermarket"), 75_001)
    assert services.listing_fee_warning(StoreFactory(store_type="department_store"), 10**6) is None


def test_recording_a_running_partnership_counts_at_once(staff_user, areas):
    store = StoreFactory()
    p = services.partnership_create(actor=staff_user, store=store, business=BusinessFactory(), running=True,
                                    data={"form": "pasokan", "start_date": datetime.date(2022, 3, 1)})  # fmt: skip
    assert p.status == PartnershipStatus.ACTIVE and p.activated_by == staff_user
    assert selectors.store_compliance(actor=staff_user, store=store).active == 1
    assert Event.PARTNERSHIP_RECORDED in actions(p)


# --- Transitions ------------------------------------------------------------------------------------


@pytest.fixture
def owned_offer(staff_user, areas, store_user):
    owner_account = make_user("pemilik_umkm", username="+6281299990000", phone="+6281299990000")
    business = BusinessFactory(owner=OwnerFactory(user=owner_account))
    store = StoreFactory()
    store.managers.add(store_user)
    return owner_account, offer(staff_user, store, business)


def test_owner_accepts(owned_offer):
    owner_account, p = owned_offer
    p = services.offer_accept(actor=owner_account, partnership=p)
    assert (p.status, p.accepted_by) == (PartnershipStatus.ACCEPTED, owner_account) and p.accepted_at
    assert Event.OFFER_ACCEPTED in actions(p)


def test_owner_declines_with_reason_only(owned_offer):
    owner_account, p = owned_offer
    with pytest.raises(ValidationError, match="alasan"):
        services.offer_decline(actor=owner_account, partnership=p, reason=" ")
    p = services.offer_decline(actor=owner_account, partnership=p, reason="Stok tidak cukup")
    assert (p.status, p.decline_reason, p.declined_by) == ("ditolak", "Stok tidak cukup", owner_account)
    assert Event.OFFER_DECLINED in actions(p)


def test_another_owner_cannot_accept(owned_offer, areas):
    _owner, p = owned_offer
    stranger = make_user("pemilik_umkm", username="+6281299990001", phone="+6281299990001")
    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=stranger, partnership=p)


def test_store_confirms_then_displays(owned_offer, store_user):
    owner_account, p = owned_offer
    services.offer_accept(actor=owner_account, partnership=p)
    p = services.partnership_confirm(actor=store_user, partnership=p, shelf="Rak lokal 2")
    assert (p.status, p.shelf, p.confirmed_by) == (PartnershipStatus.CONFIRMED, "Rak lokal 2", store_user)
    assert selectors.store_compliance(actor=store_user, store=p.store).active == 0  # not yet on the shelf
    p = services.partnership_activate(actor=store_user, partnership=p)
    assert p.status == PartnershipStatus.ACTIVE and p.activated_by == store_user
    assert p.start_date == max(timezone.localdate(), p.start_date)
    assert selectors.store_compliance(actor=store_user, store=p.store).active == 1
    assert {Event.PARTNERSHIP_CONFIRMED, Event.PARTNERSHIP_ACTIVATED} <= set(actions(p))


def test_activation_counts_from_today_not_from_a_past_planned_start(owned_offer, store_user):
    owner_account, p = owned_offer
    p.start_date = datetime.date(2024, 1, 1)
    p.save()
    services.offer_accept(actor=owner_account, partnership=p)
    p = services.partnership_confirm(actor=store_user, partnership=p, display_ready=True)
    assert p.status == PartnershipStatus.ACTIVE and p.start_date == timezone.localdate()


def test_manager_of_another_store_cannot_confirm(owned_offer, other_store_user):
    owner_account, p = owned_offer
    services.offer_accept(actor=owner_account, partnership=p)
    with pytest.raises(PermissionDenied):
        services.partnership_confirm(actor=other_store_user, partnership=p, display_ready=True)


def test_confirm_needs_owner_acceptance_first(owned_offer, store_user):
    _owner, p = owned_offer
    with pytest.raises(ValidationError, match="Diusulkan"):
        services.partnership_confirm(actor=store_user, partnership=p, display_ready=True)


def test_store_declines_accepted_offer(owned_offer, store_user):
    owner_account, p = owned_offer
    services.offer_accept(actor=owner_account, partnership=p)
    p = services.store_decline(actor=store_user, partnership=p, reason="Rak penuh")
    assert p.status == PartnershipStatus.DECLINED and Event.OFFER_DECLINED_BY_STORE in actions(p)


def test_end_with_reason_stops_counting(areas, store_user):
    store = StoreFactory()
    store.managers.add(store_user)
    p = partners(store, 1)[0]
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="alasan"):
        services.partnership_end(actor=store_user, partnership=p, end_date=today, reason="")
    with pytest.raises(ValidationError, match="masa depan"):
        services.partnership_end(actor=store_user, partnership=p, end_date=today + datetime.timedelta(days=1),
                                 reason="x")  # fmt: skip
    p = services.partnership_end(actor=store_user, partnership=p, end_date=today, reason="Produk tidak laku")
    assert (p.status, p.end_date, p.end_reason) == (PartnershipStatus.ENDED, today, "Produk tidak laku")
    assert selectors.store_compliance(actor=store_user, store=store).active == 0
    assert Event.PARTNERSHIP_ENDED in actions(p)


def test_staff_cancel_offer(owned_offer, staff_user):
    _owner, p = owned_offer
    p = services.partnership_cancel(actor=staff_user, partnership=p, reason="Salah toko")
    assert p.status == PartnershipStatus.CANCELLED and Event.OFFER_CANCELLED in actions(p)
    with pytest.raises(ValidationError):
        services.offer_accept(actor=staff_user, partnership=p)


def test_accept_refused_when_business_lost_verification(owned_offer):
    owner_account, p = owned_offer
    p.business.verification = "ditolak"
    p.business.save()
    with pytest.raises(ValidationError, match="belum terverifikasi"):
        services.offer_accept(actor=owner_account, partnership=p)


def test_update_terms_audited(owned_offer, staff_user):
    _owner, p = owned_offer
    product = ProductFactory(business=p.business)
    services.partnership_update(actor=staff_user, partnership=p, data={"listing_fee": 40_000, "payment_days": 30},
                                products=[product])  # fmt: skip
    p.refresh_from_db()
    assert (p.listing_fee, p.payment_days, list(p.products.all())) == (40_000, 30, [product])
    entry = AuditEntry.objects.get(action=Event.PARTNERSHIP_UPDATED, object_id=str(p.pk))
    assert entry.changes["listing_fee"] == [0, 40_000] and entry.changes["products"] == [[], [product.pk]]


# --- Agreements -------------------------------------------------------------------------------------


def test_agreement_must_be_a_pdf_within_size(owned_offer, store_user, settings):
    _owner, p = owned_offer
    with pytest.raises(ValidationError, match="harus berupa PDF"):
        services.agreement_attach(actor=store_user, partnership=p,
                                  upload=SimpleUploadedFile("perjanjian.pdf", b"MZ\x90\x00 not a pdf"))  # fmt: skip
    settings.BINAUMKM = {**settings.BINAUMKM, "PARTNERSHIPS": {"AGREEMENT_MAX_BYTES": 10}}
    with pytest.raises(ValidationError, match="terlalu besar"):
        services.agreement_attach(actor=store_user, partnership=p, upload=SimpleUploadedFile("a.pdf", PDF))
    settings.BINAUMKM = {**settings.BINAUMKM, "PARTNERSHIPS": {}}
    assert conf.AGREEMENT_MAX_BYTES == 5 * 1024 * 1024
    p = services.agreement_attach(actor=store_user, partnership=p, upload=SimpleUploadedFile("a.pdf", PDF))
    assert p.agreement.read().startswith(b"%PDF") and Event.AGREEMENT_UPLOADED in actions(p)


# --- Stores -----------------------------------------------------------------------------------------


def store_data(**overrides):
    from binaumkm.core.models import Kelurahan

    return {"name": "Alfamart Veteran", "brand": "Alfamart", "store_type": "minimarket", "address": "Jl. Veteran 10",
            "kelurahan": Kelurahan.objects.first(), "opened_on": datetime.date(2018, 5, 1), "status": "buka",
            **overrides}  # fmt: skip


def test_store_create_and_close(staff_user, areas):
    store = services.store_create(actor=staff_user, data=store_data())
    assert Event.STORE_CREATED in actions(store)
    with pytest.raises(ValidationError, match="tanggal tutup"):
        services.store_update(actor=staff_user, store=store, data={"status": "tutup"})
    with pytest.raises(ValidationError, match="sebelum tanggal buka"):
        services.store_update(
            actor=staff_user, store=store, data={"status": "tutup", "closed_on": datetime.date(2017, 1, 1)}
        )
    store = services.store_update(
        actor=staff_user, store=store, data={"status": "tutup", "closed_on": datetime.date(2024, 1, 1)}
    )
    assert store.status == "tutup" and Event.STORE_CLOSED in actions(store)
    store = services.store_update(actor=staff_user, store=store, data={"status": "buka"})
    assert store.status == "buka" and store.closed_on is None and Event.STORE_REOPENED in actions(store)
    services.store_update(actor=staff_user, store=store, data={"address": "Jl. Veteran 12"})
    assert Event.STORE_UPDATED in actions(store)


def test_new_store_after_permit_suspension_is_flagged(staff_user, areas):
    store = services.store_create(actor=staff_user, data=store_data(opened_on=datetime.date(2025, 7, 1)))
    assert "menangguhkan izin toko modern baru" in services.store_warnings(store)[0]
    assert services.store_warnings(StoreFactory()) == []


def test_store_nib_unique_with_clear_message(staff_user, areas):
    StoreFactory(nib="9120000000999")
    with pytest.raises(ValidationError, match="NIB ini sudah dipakai"):
        services.store_create(actor=staff_user, data=store_data(nib="9120000000999"))


def test_manager_account_created_without_a_password_or_linked(staff_user, areas):
    store = StoreFactory()
    user, created = services.store_manager_add(
        actor=staff_user, store=store, full_name="Budi", phone="+6281211110000", email=""
    )
    assert created and not user.has_usable_password()  # they set their own through a one-time link
    assert user.groups.filter(name="mitra_toko").exists()
    assert list(selectors.store_managed(actor=user)) == [store]
    entry = AuditEntry.objects.get(action=Event.MANAGER_ADDED, object_id=str(store.pk))
    assert entry.data == {"user": "Budi"}  # a display name, never the phone number
    other = StoreFactory()
    same, created = services.store_manager_add(
        actor=staff_user, store=other, full_name="Budi", phone="+6281211110000", email=""
    )
    assert same == user and not created
    with pytest.raises(ValidationError, match="sudah menjadi pengelola"):
        services.store_manager_add(
            actor=staff_user, store=other, full_name="Budi", phone="+6281211110000", email=""
        )
    services.store_manager_remove(actor=staff_user, store=other, user=user)
    assert list(selectors.store_managed(actor=user)) == [store]
    assert AuditEntry.objects.filter(action=Event.MANAGER_REMOVED, object_id=str(other.pk)).exists()


def test_an_agency_account_is_never_made_a_store_manager(staff_user, areas):
    make_user("staf_dinas", username="staf.lain", phone="+6281211119999")
    with pytest.raises(ValidationError, match="akun pegawai dinas"):
        services.store_manager_add(
            actor=staff_user, store=StoreFactory(), full_name="Staf", phone="+6281211119999", email=""
        )
