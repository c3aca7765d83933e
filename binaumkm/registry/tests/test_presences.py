"""Digital presences: one record per business per platform, dated stages, links on the platform's
domain, staff verification, assisted sessions for many businesses, "masih aktif", and the cheap
"sells online" answer the other modules read."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from binaumkm.core.models import AuditEntry
from binaumkm.core.storage import private_storage
from binaumkm.core.testing import count_queries, make_user
from binaumkm.registry import selectors, services
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business, Presence
from binaumkm.registry.platforms import Platform, Stage
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_and_business(areas):
    user = make_user("pemilik_umkm", username="+6281200000031", phone="+6281200000031")
    return user, BusinessFactory(owner=OwnerFactory(user=user), verification="terverifikasi")


def audited(event, presence) -> bool:
    return AuditEntry.objects.filter(action=event, object_id=str(presence.pk)).exists()


def test_owner_records_and_advances_a_presence_with_the_date_of_each_stage(owner_and_business):
    user, business = owner_and_business
    today = timezone.localdate()
    presence = services.presence_save(
        actor=user, business=business, platform=Platform.SHOPEE,
        data={"stage": Stage.ACCOUNT, "url": "https://shopee.co.id/batiksri", "stage_on": today - datetime.timedelta(days=30)},
    )  # fmt: skip
    assert presence.account_on == today - datetime.timedelta(days=30) and presence.first_sale_on is None
    assert audited(Event.PRESENCE_CREATED, presence)
    again = services.presence_save(
        actor=user, business=business, platform=Platform.SHOPEE,
        data={"stage": Stage.FIRST_SALE, "url": "https://shopee.co.id/batiksri", "order_band": "1-10"},
    )  # fmt: skip
    assert again.pk == presence.pk and Presence.objects.filter(business=business).count() == 1
    assert again.first_sale_on == today and again.activity_confirmed_on == today
    assert again.account_on == today - datetime.timedelta(days=30)  # the first date is kept
    assert audited(Event.PRESENCE_UPDATED, presence)


@pytest.mark.parametrize(
    "platform, url, ok",
    [
        (Platform.SHOPEE, "https://shopee.co.id/toko", True),
        (Platform.SHOPEE, "https://shopee.co.id.evil.example/toko", False),
        (Platform.TOKOPEDIA, "https://www.tokopedia.com/toko", True),
        (Platform.INSTAGRAM, "javascript:alert(1)", False),
        (Platform.WEBSITE, "https://batiksri.id", True),
        (Platform.WEBSITE, "ftp://batiksri.id", False),
    ],
)
def test_a_link_must_belong_to_the_platforms_domain(owner_and_business, platform, url, ok):
    user, business = owner_and_business
    save = lambda: services.presence_save(actor=user, business=business, platform=platform, data={"url": url})  # noqa: E731
    if ok:
        assert save().url == url
    else:
        with pytest.raises(ValidationError) as error:
            save()
        assert "url" in error.value.error_dict


def test_another_owner_cannot_record_a_presence(owner_and_business):
    _user, business = owner_and_business
    stranger = make_user("pemilik_umkm", username="+6281200000032", phone="+6281200000032")
    with pytest.raises(PermissionDenied):
        services.presence_save(actor=stranger, business=business, platform=Platform.SHOPEE, data={})


def test_staff_verify_and_an_owners_later_change_needs_verification_again(owner_and_business, staff_user):
    user, business = owner_and_business
    presence = services.presence_save(
        actor=user, business=business, platform=Platform.GOFOOD, data={"stage": Stage.ACCOUNT}
    )
    with pytest.raises(PermissionDenied):
        services.presence_verify(actor=user, presence=presence)
    presence = services.presence_verify(actor=staff_user, presence=presence)
    assert presence.verified_by == staff_user and audited(Event.PRESENCE_VERIFIED, presence)
    with pytest.raises(ValidationError):
        services.presence_verify(actor=staff_user, presence=presence)
    presence = services.presence_save(
        actor=user, business=business, platform=Platform.GOFOOD, data={"stage": Stage.FIRST_SALE}
    )
    assert presence.verified_at is None


def test_one_workshop_assists_many_businesses_and_keeps_further_stages(areas, staff_user):
    planned, fresh, selling = BusinessFactory(), BusinessFactory(), BusinessFactory()
    Presence.objects.create(business=planned, platform=Platform.TOKOPEDIA, stage=Stage.PLANNED)
    ahead = Presence.objects.create(business=selling, platform=Platform.TOKOPEDIA, stage=Stage.FIRST_SALE)
    day = timezone.localdate() - datetime.timedelta(days=3)
    touched = services.presence_session_record(
        actor=staff_user, platform=Platform.TOKOPEDIA, day=day, assisted_by="Workshop Tokopedia Laweyan",
        businesses=[planned, fresh, selling],
    )  # fmt: skip
    assert len(touched) == 3
    stages = dict(Presence.objects.filter(platform=Platform.TOKOPEDIA).values_list("business_id", "stage"))
    assert stages == {planned.pk: Stage.ASSISTED, fresh.pk: Stage.ASSISTED, selling.pk: Stage.FIRST_SALE}
    ahead.refresh_from_db()
    assert ahead.assisted_on == day and ahead.assisted_by == "Workshop Tokopedia Laweyan"
    assert AuditEntry.objects.filter(action=Event.PRESENCE_ASSISTED).count() == 3


def test_owner_confirms_a_dormant_shop_is_still_active(owner_and_business):
    user, business = owner_and_business
    presence = Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=Stage.DORMANT)
    presence = services.presence_confirm_active(actor=user, presence=presence)
    assert presence.stage == Stage.ACTIVE and presence.activity_confirmed_on == timezone.localdate()
    assert audited(Event.PRESENCE_CONFIRMED, presence)
    planned = Presence.objects.create(business=business, platform=Platform.BLIBLI, stage=Stage.PLANNED)
    with pytest.raises(ValidationError):
        services.presence_confirm_active(actor=user, presence=planned)


def test_sells_online_is_one_subquery_and_agrees_with_the_records(areas):
    shop, social, none, closed = BusinessFactory(), BusinessFactory(), BusinessFactory(), BusinessFactory()
    Presence.objects.create(business=shop, platform=Platform.SHOPEE, stage=Stage.ACCOUNT)
    Presence.objects.create(business=social, platform=Platform.INSTAGRAM, stage=Stage.ACTIVE)
    Presence.objects.create(business=closed, platform=Platform.TOKOPEDIA, stage=Stage.CLOSED)
    rows = list(selectors.with_online_shop(Business.objects.order_by("pk")))
    assert count_queries(lambda: [b.sells_online for b in rows]) == 0
    assert {b.pk for b in rows if b.sells_online} == {shop.pk}
    assert [Business.objects.get(pk=b.pk).sells_online for b in (shop, social, none, closed)] == [
        True,
        False,
        False,
        False,
    ]
    assert selectors.businesses_with_online_shop([shop.pk, social.pk, none.pk]) == {shop.pk}


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("bukti.png", buffer.getvalue(), content_type="image/png")


def test_owner_page_saves_a_presence_with_evidence_and_keeps_input_on_a_bad_link(client, owner_and_business):
    user, business = owner_and_business
    client.force_login(user)
    url = reverse("registry:my_presences", args=[business.pk])
    bad = client.post(
        url, {"platform": "tokopedia", "stage": "akun_dibuat", "url": "https://tokopedia.evil.example/x"}
    )
    page = bad.content.decode()
    assert bad.status_code == 200 and "Tautan Tokopedia harus berada di" in page
    assert 'value="https://tokopedia.evil.example/x"' in page and not Presence.objects.exists()
    good = client.post(url, {"platform": "tokopedia", "stage": "produk_pertama", "url": "https://www.tokopedia.com/sri",
                             "order_band": "", "evidence": png()})  # fmt: skip
    assert good.status_code == 302
    presence = Presence.objects.get(business=business)
    assert presence.stage == Stage.FIRST_LISTING and presence.evidence.name.endswith(".png")
    # Outside MEDIA_ROOT, no public URL: the field resolves the private storage (by identity only
    # while no other test has swapped STORAGES, so the declaration is what is checked).
    assert Presence._meta.get_field("evidence")._storage_callable is private_storage
    assert presence.evidence.storage is not storages["default"]
    evidence = client.get(reverse("registry:presence_evidence", args=[presence.pk]))
    assert evidence.status_code == 200 and evidence["Content-Type"] == "image/png"
    assert evidence["Cache-Control"] == "private, no-store"
    listing = client.get(url).content.decode()
    assert "Tokopedia" in listing and "https://www.tokopedia.com/sri" in listing
    not_image = client.post(url, {"platform": "shopee", "stage": "rencana",
                                  "evidence": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")})  # fmt: skip
    assert not_image.status_code == 200 and not Presence.objects.filter(platform="shopee").exists()


def test_masih_aktif_button_on_the_owner_page(client, owner_and_business):
    user, business = owner_and_business
    presence = Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=Stage.DORMANT)
    client.force_login(user)
    page = client.get(reverse("registry:my_presences", args=[business.pk])).content.decode()
    confirm = reverse("registry:my_presence_confirm", args=[business.pk, presence.pk])
    assert confirm in page and "Masih aktif" in page
    assert client.post(confirm).status_code == 302
    presence.refresh_from_db()
    assert presence.stage == Stage.ACTIVE


def test_staff_session_page_reads_references_and_nibs_and_names_unknown_ones(staff_client, areas):
    first, second = BusinessFactory(nib="9100000000555"), BusinessFactory()
    url = reverse("registry:presence_session")
    data = {"platform": "shopee", "day": timezone.localdate().isoformat(), "assisted_by": "Workshop Shopee"}
    refused = staff_client.post(url, {**data, "businesses": f"{first.reference}\nUMKM-999999\nabc"})
    assert (
        refused.status_code == 200
        and "UMKM-999999" in refused.content.decode()
        and "abc" in refused.content.decode()
    )
    assert not Presence.objects.exists()
    done = staff_client.post(url, {**data, "businesses": f"9100000000555\n{second.reference.lower()}"})
    assert done.status_code == 302
    assert set(Presence.objects.values_list("business_id", "stage")) == {
        (first.pk, Stage.ASSISTED),
        (second.pk, Stage.ASSISTED),
    }


def test_staff_see_and_verify_presences_on_the_business_page(staff_client, areas):
    business = BusinessFactory()
    presence = Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=Stage.ACCOUNT,
                                       url="https://shopee.co.id/x")  # fmt: skip
    page = staff_client.get(business.get_staff_url()).content.decode()
    assert 'href="https://shopee.co.id/x" rel="nofollow noopener"' in page
    verify = reverse("registry:presence_verify", args=[presence.pk])
    assert verify in page
    assert staff_client.post(verify).status_code == 302
    presence.refresh_from_db()
    assert presence.verified_at is not None


def test_import_fills_presences_from_the_shop_columns(
    staff_client, areas, django_capture_on_commit_callbacks
):
    from binaumkm.registry.tests.test_import import good_row, run_import, xlsx

    rows = [good_row(1, shopee="shopee.co.id/sri", tokopedia="https://www.tokopedia.com/sri"),
            good_row(2, shopee="https://evil.example/shopee")]  # fmt: skip
    job = run_import(staff_client, xlsx(rows), django_capture_on_commit_callbacks)
    assert {(e["row"], e["column"]) for e in job.errors} == {(3, "shopee")}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]), {"only_valid": "1"})
    business = Business.objects.get(name="Serabi Notosuman 1")
    assert set(business.presences.values_list("platform", "url", "stage")) == {
        ("shopee", "https://shopee.co.id/sri", Stage.ACCOUNT),
        ("tokopedia", "https://www.tokopedia.com/sri", Stage.ACCOUNT),
    }
    assert business.sells_online


def test_the_owners_next_digital_step_follows_the_furthest_stage(owner_and_business):
    user, business = owner_and_business

    def steps():
        return [item.label for item in selectors.presence_todo_items(actor=user) if "Langkah" in item.label
                or "penjualan pertama" in item.label]  # fmt: skip

    assert steps() == [f"Langkah digital berikutnya: catat toko online pertama {business.name}"]
    for platform in (Platform.SHOPEE, Platform.TOKOPEDIA):
        services.presence_save(
            actor=user, business=business, platform=platform, data={"stage": Stage.ACCOUNT}
        )
    assert steps() == [f"Sudah ada penjualan pertama di Shopee? Perbarui tahap {business.name}"]
    services.presence_save(
        actor=user, business=business, platform=Platform.SHOPEE, data={"stage": Stage.FIRST_SALE}
    )
    assert steps() == []
    other = BusinessFactory(verification="terverifikasi")  # another owner's business never shows
    assert other.name not in " ".join(item.label for item in selectors.presence_todo_items(actor=user))
