"""Pages: access rules, forms that keep typed input, refusals without 500s, constant query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training import services
from binaumkm.training.models import (
    Batch,
    BatchState,
    Certificate,
    Programme,
    Registration,
    RegistrationStatus,
    SelectionMode,
)
from binaumkm.training.tests.factories import (
    BatchFactory,
    RegistrationFactory,
    SessionFactory,
    close_window,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def test_owner_registers_through_the_page(client, areas):
    user, business = owner_with_business()
    batch = BatchFactory(questions=["Produk utama Anda?"])
    client.force_login(user)
    page = client.get(reverse("training:batch_public", args=[batch.pk]))
    assert "Kirim pendaftaran" in page.content.decode()
    response = client.post(
        reverse("training:batch_public", args=[batch.pk]), {"business": business.pk, "q0": "Batik tulis"}
    )
    registration = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "training:my_registration", args=[registration.pk]
    )
    html = client.get(response["Location"]).content.decode()
    assert "Menunggu seleksi" in html and "Batik tulis" in html


def test_refusal_is_shown_and_typed_input_kept(client, areas):
    user, business = owner_with_business(verification="baru")
    batch = BatchFactory(questions=["Produk utama Anda?"])
    client.force_login(user)
    response = client.post(
        reverse("training:batch_public", args=[batch.pk]), {"business": business.pk, "q0": "Wedang uwuh"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "belum terverifikasi dinas" in html and "Wedang uwuh" in html


def test_someone_elses_business_or_registration(client, areas):
    user, _mine = owner_with_business()
    other_user, theirs = owner_with_business()
    batch = BatchFactory()
    client.force_login(user)
    response = client.post(reverse("training:batch_public", args=[batch.pk]), {"business": theirs.pk})
    assert "Pilih salah satu usaha Anda sendiri" in response.content.decode()
    assert not Registration.objects.exists()
    theirs_reg = services.registration_create(actor=other_user, batch=batch, business=theirs)
    for name in ("my_registration", "my_certificate"):
        assert client.get(reverse(f"training:{name}", args=[theirs_reg.pk])).status_code == 404
    for name in ("my_registration_cancel", "offer_accept", "offer_decline"):
        assert client.post(reverse(f"training:{name}", args=[theirs_reg.pk])).status_code == 404
    theirs_reg.refresh_from_db()
    assert theirs_reg.status == S.PENDING


def test_access_rules(client, areas):
    user, _business = owner_with_business()
    batch = BatchFactory()
    staff_urls = [reverse("training:programme_list"), reverse("training:batch_detail", args=[batch.pk]),
                  reverse("training:coverage"), reverse("training:allocation_preview", args=[batch.pk])]  # fmt: skip
    for url in staff_urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("training:batch_public", args=[batch.pk])).status_code == 200  # public info
    response = client.post(reverse("training:batch_public", args=[batch.pk]), {"business": 1})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(user)
    for url in staff_urls:
        assert client.get(url).status_code == 403
    draft = BatchFactory(state=BatchState.DRAFT)
    assert client.get(reverse("training:batch_public", args=[draft.pk])).status_code == 404


def test_staff_creates_programme_and_batch_keeping_input_on_error(staff_client, areas):
    response = staff_client.post(reverse("training:programme_create"),
                                 {"title": "Jualan di Tokopedia", "topic": "marketplace", "partner": "Tokopedia"})  # fmt: skip
    programme = Programme.objects.get()
    assert response.status_code == 302
    url = reverse("training:batch_create", args=[programme.pk])
    data = {"number": 1, "selection_mode": "adil", "capacity": "30",
            "registration_opens_at": "2030-01-10T08:00", "registration_closes_at": "2030-01-05T08:00",
            "start_date": "2030-01-20", "end_date": "2030-01-21", "delivery": "tatap_muka",
            "venue_kelurahan": Kelurahan.objects.first().pk, "venue_address": "Gedung Tumenggungan",
            "questions_text": "Produk utama?\nSudah jualan online?", "completion_percent": 80, "verified_only": "on"}  # fmt: skip
    response = staff_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "Penutupan pendaftaran harus sesudah pembukaannya" in html
    assert 'value="Gedung Tumenggungan"' in html
    data["registration_closes_at"] = "2030-01-15T16:00"
    response = staff_client.post(url, data)
    batch = Batch.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert batch.questions == ["Produk utama?", "Sudah jualan online?"] and batch.capacity == 30
    assert batch.registration_closes_at.astimezone(datetime.UTC).hour == 9  # 16.00 WIB
    response = staff_client.post(reverse("training:session_add", args=[batch.pk]),
                                 {"date": "2030-01-20", "start_time": "13:00", "end_time": "09:00"})  # fmt: skip
    assert response.status_code == 302 and not batch.sessions.exists()
    staff_client.post(reverse("training:session_add", args=[batch.pk]),
                      {"date": "2030-01-20", "start_time": "09:00", "end_time": "12:00", "title": "Foto produk"})  # fmt: skip
    assert batch.sessions.get().number == 1


def test_staff_lowers_capacity_below_seats_gets_field_error(staff_client, areas):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=2)
    for _ in range(2):
        user, business = owner_with_business()
        services.registration_create(actor=user, batch=batch, business=business)
    form = staff_client.get(reverse("training:batch_edit", args=[batch.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "kecamatan"}
    data.update(capacity=1, questions_text="", registration_opens_at=batch.registration_opens_at.strftime("%Y-%m-%dT%H:%M"),
                registration_closes_at=batch.registration_closes_at.strftime("%Y-%m-%dT%H:%M"),
                venue_kelurahan=Kelurahan.objects.first().pk, verified_only="on")  # fmt: skip
    response = staff_client.post(reverse("training:batch_edit", args=[batch.pk]), data)
    assert response.status_code == 200
    assert "tidak boleh kurang dari 2 kursi" in response.content.decode()
    batch.refresh_from_db()
    assert batch.capacity == 2


def test_staff_delete_batch_with_registrations_shows_refusal(staff_client, areas):
    batch = RegistrationFactory().batch
    response = staff_client.post(reverse("training:batch_delete", args=[batch.pk]), follow=True)
    assert "tidak dapat dihapus karena sudah ada 1 pendaftar" in response.content.decode()
    assert Batch.objects.filter(pk=batch.pk).exists()


def test_staff_previews_and_publishes_once(staff_client, areas):
    batch = BatchFactory(capacity=2)
    for _ in range(4):
        user, business = owner_with_business()
        services.registration_create(actor=user, batch=batch, business=business)
    close_window(batch)
    response = staff_client.get(reverse("training:allocation_preview", args=[batch.pk]), {"seed": "31337"})
    html = response.content.decode()
    assert response.status_code == 200 and "31337" in html and "Diterima (2)" in html
    assert not Registration.objects.exclude(status=S.PENDING).exists()
    digest = response.context["result"].digest
    response = staff_client.post(reverse("training:allocation_publish", args=[batch.pk]), {"seed": "31337", "digest": digest},
                                 follow=True)  # fmt: skip
    assert "Hasil seleksi diumumkan (kode undian 31337)" in response.content.decode()
    ranks = list(Registration.objects.order_by("pk").values_list("status", "rank"))
    response = staff_client.post(
        reverse("training:allocation_publish", args=[batch.pk]), {"seed": "1"}, follow=True
    )
    assert "tidak diacak ulang" in response.content.decode()
    assert list(Registration.objects.order_by("pk").values_list("status", "rank")) == ranks
    response = staff_client.get(reverse("training:allocation_preview", args=[batch.pk]), follow=True)
    assert "tidak diacak ulang" in response.content.decode()


def test_owner_sees_result_reason(client, staff_user, areas):
    batch = BatchFactory(capacity=1)
    people = [owner_with_business() for _ in range(2)]
    regs = [services.registration_create(actor=u, batch=batch, business=b) for u, b in people]
    close_window(batch)
    services.allocation_publish(actor=staff_user, batch=batch, seed=8)
    for (user, _b), reg in zip(people, regs, strict=True):
        reg.refresh_from_db()
        client.force_login(user)
        html = client.get(reverse("training:my_registration", args=[reg.pk])).content.decode()
        if reg.status == S.ACCEPTED:
            assert "Diterima" in html and "kuota Kecamatan" in html and "<svg" in html  # QR for check-in
        else:
            assert "Daftar tunggu" in html and "Nomor daftar tunggu: 1." in html


def test_lazy_expiry_when_offer_is_viewed(client, areas):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=1)
    (u1, b1), (u2, b2) = owner_with_business(), owner_with_business()
    seat = services.registration_create(actor=u1, batch=batch, business=b1)
    waiting = services.registration_create(actor=u2, batch=batch, business=b2)
    services.registration_cancel(actor=u1, registration=seat)
    Registration.objects.filter(pk=waiting.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(u2)
    html = client.get(reverse("training:my_registration", args=[waiting.pk])).content.decode()
    assert "Tawaran kedaluwarsa" in html
    response = client.post(reverse("training:offer_accept", args=[waiting.pk]), follow=True)
    assert "Tidak ada tawaran kursi yang terbuka" in response.content.decode()


def test_check_in_by_search_and_scan(staff_client, areas):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS)
    session = SessionFactory(batch=batch, number=1)
    user, business = owner_with_business()
    reg = services.registration_create(actor=user, batch=batch, business=business)
    name = business.owner.full_name
    html = staff_client.get(
        reverse("training:session_checkin", args=[session.pk]), {"q": name}
    ).content.decode()
    assert name in html and "Tandai hadir" in html
    response = staff_client.post(
        reverse("training:check_in", args=[session.pk, reg.pk]), {"q": name}, follow=True
    )
    assert f"{name} hadir di Sesi 1" in response.content.decode()
    response = staff_client.post(reverse("training:check_in", args=[session.pk, reg.pk]),
                                 {"method": "pindai", "next": "scan"}, follow=True)  # fmt: skip
    assert "sudah tercatat hadir" in response.content.decode()
    assert reg.attendances.count() == 1
    html = staff_client.get(reverse("training:participant_scan", args=[reg.code])).content.decode()
    assert name in html and "Hadir" in html
    # htmx search returns only the rows
    rows = staff_client.get(
        reverse("training:session_checkin", args=[session.pk]), {"q": "zzz"}, HTTP_HX_REQUEST="true"
    )
    assert "Tidak ada peserta yang cocok" in rows.content.decode() and "<html" not in rows.content.decode()


def test_coverage_page_and_xlsx(staff_client, areas):
    reg = RegistrationFactory(
        status=S.ACCEPTED, completed=True, batch=BatchFactory(state=BatchState.FINISHED)
    )
    html = staff_client.get(reverse("training:coverage")).content.decode()
    assert "<svg" in html and reg.business.kelurahan.name in html and 'id="gini"' in html
    response = staff_client.get(reverse("training:coverage_export"), {"year": "abc"})
    assert response.status_code == 200 and response.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("training:programme_list", {"page": "x", "topic": "zzz", "q": "<script>"}),
        ("training:coverage", {"year": "abc", "topic": "???"}),
        ("training:batch_detail", {"status": "zzz", "page": "-1"}),
        ("training:allocation_preview", {"seed": "abc", "page": "99"}),
    ],
)
def test_odd_query_parameters_never_500(staff_client, areas, name, params):
    batch = close_window(BatchFactory())
    args = [batch.pk] if "batch" in name or "allocation" in name else []
    response = staff_client.get(reverse(name, args=args), params, follow=True)
    assert response.status_code == 200


def test_odd_posts_never_500(staff_client, areas):
    reg = RegistrationFactory()
    assert staff_client.post(reverse("training:registration_priority", args=[reg.pk]),
                             {"priority": "banyak", "reason": ""}).status_code == 200  # fmt: skip
    assert (
        staff_client.post(
            reverse("training:session_add", args=[reg.batch.pk]), {"date": "kemarin"}
        ).status_code
        == 302
    )
    assert (
        staff_client.post(
            reverse("training:allocation_publish", args=[reg.batch.pk]), {"seed": "x"}
        ).status_code
        == 302
    )
    assert (
        staff_client.post(reverse("training:batch_finish", args=[reg.batch.pk]), follow=True).status_code
        == 200
    )
    assert staff_client.get(reverse("training:participant_scan", args=["bukan-kode"])).status_code == 404


def test_staff_registration_page_has_whatsapp_link(staff_client, areas):
    reg = RegistrationFactory()
    html = staff_client.get(reverse("training:registration_detail", args=[reg.pk])).content.decode()
    assert "https://wa.me/62" in html and reg.business.owner.nik not in html


def test_owner_reasons_page_keeps_the_staff_note_to_staff(staff_client, areas):
    """The staff's free-text reason for a priority is an internal note: the owner reads only that
    staff raised the priority; staff still see the reason."""
    user, business = owner_with_business()
    reg = RegistrationFactory(
        business=business, priority=1, priority_reason="Catatan internal: kerabat pejabat"
    )
    staff_html = staff_client.get(reverse("training:registration_detail", args=[reg.pk])).content.decode()
    assert "kerabat pejabat" in staff_html
    staff_client.force_login(user)  # the same test client, now as the owner
    owner_html = staff_client.get(reverse("training:my_registration", args=[reg.pk])).content.decode()
    assert "Staf dinas menaikkan prioritas pendaftaran Anda." in owner_html
    assert "kerabat pejabat" not in owner_html and "Prioritas dari staf" not in owner_html


# --- Query counts: 10 vs 500 rows -----------------------------------------------------------------


def test_programme_list_queries_constant(staff_client, areas):
    def grow(n):
        for _ in range(n - Programme.objects.count()):
            BatchFactory()

    assert_constant_queries(lambda: _ok(staff_client.get(reverse("training:programme_list"))), grow)


def _ok(response):
    assert response.status_code == 200
    return response


def _grow_registrations(batch):
    def grow(n):
        have = batch.registrations.count()
        businesses = BusinessFactory.create_batch(n - have)
        Registration.objects.bulk_create(
            [Registration(batch=batch, business=b, status=S.ACCEPTED) for b in businesses]
        )

    return grow


def test_batch_detail_queries_constant(staff_client, areas):
    batch = BatchFactory(capacity=1000)
    SessionFactory(batch=batch)
    url = reverse("training:batch_detail", args=[batch.pk])
    assert_constant_queries(lambda: _ok(staff_client.get(url)), _grow_registrations(batch))


def test_checkin_page_queries_constant(staff_client, areas):
    batch = BatchFactory(capacity=1000)
    session = SessionFactory(batch=batch)
    url = reverse("training:session_checkin", args=[session.pk])
    assert_constant_queries(lambda: _ok(staff_client.get(url)), _grow_registrations(batch))


def test_coverage_queries_constant(staff_client, areas):
    batch = BatchFactory(capacity=1000, state=BatchState.FINISHED)
    assert_constant_queries(
        lambda: _ok(staff_client.get(reverse("training:coverage"))), _grow_registrations(batch)
    )


def test_owner_index_queries_constant(client, areas):
    user, business = owner_with_business()
    client.force_login(user)

    batch = BatchFactory(state=BatchState.FINISHED)

    def grow(n):
        mine = BusinessFactory.create_batch(n - Registration.objects.count(), owner=business.owner)
        regs = Registration.objects.bulk_create(
            [Registration(batch=batch, business=b, status=S.ACCEPTED, completed=True) for b in mine]
        )
        Certificate.objects.bulk_create(
            [Certificate(registration=r, number=f"N{r.pk}", holder_name="x", business_name="y", programme_title="z",
                         batch_label="Angkatan 1", start_date=batch.start_date, end_date=batch.end_date) for r in regs]
        )  # fmt: skip
        BatchFactory()  # and one more open batch to list

    assert_constant_queries(lambda: _ok(client.get(reverse("training:index"))), grow)


def test_english_translation(client, areas):
    batch = BatchFactory()
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("training:batch_public", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Log in to register" in html
