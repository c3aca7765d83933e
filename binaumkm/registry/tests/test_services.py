import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.registry import services
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory, nik_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_and_business(areas):
    user = make_user("pemilik_umkm", username="+6281200000011", phone="+6281200000011")
    return user, BusinessFactory(owner=OwnerFactory(user=user), verification="terverifikasi")


def test_owner_changing_identity_of_verified_business_sends_it_back_to_verification(owner_and_business):
    user, business = owner_and_business
    services.business_update(actor=user, business=business, data={"employees": 4})
    business.refresh_from_db()
    assert business.verification == "terverifikasi"  # minor change keeps the verification
    services.business_update(actor=user, business=business, data={"name": "Nama Baru"})
    business.refresh_from_db()
    assert business.verification == "baru"


def test_rejected_business_fixed_by_owner_returns_to_queue(owner_and_business, staff_user):
    user, business = owner_and_business
    services.business_reject(actor=staff_user, business=business, reason="Alamat tidak lengkap")
    services.business_update(
        actor=user, business=Business.objects.get(pk=business.pk), data={"address": "Jl. Lengkap 1"}
    )
    business.refresh_from_db()
    assert (business.verification, business.verification_note) == ("baru", "")


def test_size_class_is_recomputed_on_every_change(owner_and_business):
    user, business = owner_and_business
    services.business_update(actor=user, business=business, data={"annual_sales": 3_000_000_000})
    business.refresh_from_db()
    assert business.size_class == "kecil"


def test_someone_else_cannot_change_a_business(owner_and_business):
    _user, business = owner_and_business
    stranger = make_user("pemilik_umkm", username="stranger")
    with pytest.raises(PermissionDenied):
        services.business_update(actor=stranger, business=business, data={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.business_verify(actor=stranger, business=business)


def test_owner_cannot_change_own_nik(owner_and_business):
    user, business = owner_and_business
    with pytest.raises(PermissionDenied):
        services.owner_update(actor=user, owner=business.owner, data={"nik": nik_for(900)})


def test_turnover_one_report_per_month_corrections_audited(owner_and_business):
    user, business = owner_and_business
    services.turnover_report_save(
        actor=user, business=business, period=datetime.date(2025, 3, 17), turnover=5_000_000
    )
    services.turnover_report_save(
        actor=user, business=business, period=datetime.date(2025, 3, 1), turnover=6_000_000
    )
    report = TurnoverReport.objects.get(business=business)
    assert (report.period, report.turnover) == (datetime.date(2025, 3, 1), 6_000_000)
    entry = AuditEntry.objects.filter(action="registry.turnover.updated").get()
    assert entry.changes == {"turnover": [5_000_000, 6_000_000]}
    with pytest.raises(ValidationError):
        services.turnover_report_save(
            actor=user, business=business, period=datetime.date(2099, 1, 1), turnover=1
        )


def test_turnover_page_for_owner(client, owner_and_business):
    user, business = owner_and_business
    client.force_login(user)
    response = client.post(
        reverse("registry:my_turnover", args=[business.pk]), {"period": "2025-02", "turnover": "7.500.000"}
    )
    assert response.status_code == 302
    assert "Rp7.500.000" in client.get(reverse("registry:my_turnover", args=[business.pk])).content.decode()
    response = client.post(
        reverse("registry:my_turnover", args=[business.pk]), {"period": "2099-01", "turnover": "-5"}
    )
    html = response.content.decode()
    assert "bulan ini atau bulan yang lalu" in html and "negatif" in html


def _image(fmt="PNG", size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, fmt)
    return buffer.getvalue()


def test_product_photo_is_validated(client, owner_and_business, settings):
    user, business = owner_and_business
    client.force_login(user)
    url = reverse("registry:my_product_create", args=[business.pk])
    data = {"name": "Kain", "category": "batik", "price": "100000", "unit": "lembar"}
    fake = SimpleUploadedFile("foto.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(url, {**data, "photo": fake})
    assert response.status_code == 200 and "gambar" in response.content.decode().lower()
    settings.BINAUMKM = {**settings.BINAUMKM, "PRODUCT_PHOTO_MAX_BYTES": 100}
    big = SimpleUploadedFile("foto.png", _image(), content_type="image/png")
    response = client.post(url, {**data, "photo": big})
    assert "terlalu besar" in response.content.decode()
    settings.BINAUMKM = {**settings.BINAUMKM, "PRODUCT_PHOTO_MAX_BYTES": 2_000_000}
    ok = SimpleUploadedFile("foto.png", _image(), content_type="image/png")
    assert client.post(url, {**data, "photo": ok}).status_code == 302
    assert business.products.get().photo.name.startswith(f"produk/{business.pk}/")


def test_product_changes_are_audited(owner_and_business):
    user, business = owner_and_business
    product = ProductFactory(business=business, price=10_000)
    services.product_update(actor=user, product=product, data={"price": 12_500})
    entry = AuditEntry.objects.get(action="registry.product.updated")
    assert entry.changes == {"price": [10_000, 12_500]} and entry.actor == user
    services.product_delete(actor=user, product=product)
    assert AuditEntry.objects.filter(action="registry.product.deleted").exists()


def test_staff_create_attaches_to_existing_owner_with_same_nik_and_name(staff_client, areas):
    owner = OwnerFactory(full_name="Sri Wahyuni", nik=nik_for(77, female=True))
    kel = __import__("binaumkm.core.models", fromlist=["Kelurahan"]).Kelurahan.objects.first()
    data = {"owner-full_name": "SRI WAHYUNI", "owner-nik": owner.nik, "owner-gender": "P", "owner-phone": "081211112222",
            "name": "Wedang Uwuh Bu Sri", "address": "Jl. Bhayangkara 5", "kelurahan": kel.pk, "kbli_section": "C",
            "annual_sales": "50000000", "employees": 1}  # fmt: skip
    assert staff_client.post(reverse("registry:business_create"), data).status_code == 302
    assert Business.objects.get(name="Wedang Uwuh Bu Sri").owner == owner
    data.update({"owner-full_name": "Orang Lain", "name": "Usaha Lain"})
    response = staff_client.post(reverse("registry:business_create"), data)
    assert response.status_code == 200 and "Sri Wahyuni" in response.content.decode()
    assert not Business.objects.filter(name="Usaha Lain").exists()


def test_duplicate_nib_names_the_colliding_business(staff_client, areas):
    other = BusinessFactory(nib="9120000000777", name="Batik Lama")
    business = BusinessFactory()
    response = staff_client.post(reverse("registry:business_edit", args=[business.pk]), {
        "name": business.name, "nib": "9120000000777", "address": "x", "kelurahan": business.kelurahan_id,
        "kbli_section": "C", "annual_sales": "1000000", "employees": 1})  # fmt: skip
    assert f"“Batik Lama” ({other.reference})" in response.content.decode()


def test_very_long_text_is_refused_not_crashed(staff_client, areas):
    business = BusinessFactory()
    response = staff_client.post(reverse("registry:business_edit", args=[business.pk]), {
        "name": "x" * 5000, "address": "y" * 5000, "kelurahan": business.kelurahan_id, "kbli_section": "Z",
        "annual_sales": "9" * 40, "employees": "-3", "year_founded": "1800"})  # fmt: skip
    assert response.status_code == 200
    assert Business.objects.get(pk=business.pk).name == business.name
