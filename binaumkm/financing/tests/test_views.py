"""Financing's pages: public catalogue, the owner's eligibility page, staff's board, catalogue and
group pre-check, the bank officer's portal, the letter and the file for the bank."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import assert_constant_queries, pdf_text
from binaumkm.financing import services
from binaumkm.financing.events import Event
from binaumkm.financing.models import Referral, ReferralState, Scheme
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import PDF, papers, referral_to

S = ReferralState
pytestmark = pytest.mark.django_db


def test_public_catalogue_lists_active_schemes_in_plain_words(world, client):
    Scheme.objects.filter(pk=world.scheme.pk).update(summary="Kredit usaha rakyat bunga 6%.")
    hidden = Scheme.objects.create(provider=world.scheme.provider, code="lama", name="Skema Lama", summary="x", amount_min=1,
                                   amount_max=2, regulation="-", terms_confirmed_on=datetime.date(2020, 1, 1), is_active=False)  # fmt: skip
    html = client.get(reverse("financing:schemes")).content.decode()
    assert world.scheme.name in html and "Kredit usaha rakyat bunga 6%." in html and hidden.name not in html
    detail = client.get(reverse("financing:scheme_public", args=[world.scheme.code])).content.decode()
    assert (
        "Usaha sudah berjalan paling sedikit 6 bulan" in detail and "Permenko Perekonomian 1/2023" in detail
    )
    assert client.get(reverse("financing:scheme_public", args=["lama"])).status_code == 404


def test_owner_page_says_not_yet_with_the_reason_and_the_upload_link(world, client):
    client.force_login(world.owner)
    response = client.get(reverse("financing:my_financing"))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Belum memenuhi" in html and "KTP belum ada" in html
    assert f"/pembiayaan/saya/usaha/{world.business.pk}/berkas/?jenis=ktp" in html


def test_referral_form_refuses_an_amount_out_of_range_and_keeps_it(world, client):
    papers(world.owner, world.business)
    client.force_login(world.owner)
    url = reverse("financing:my_referral_create", args=[world.business.pk, world.scheme.code])
    response = client.post(url, {"branch": world.branch.pk, "amount": "250.000.000", "purpose": "beli oven"})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "antara Rp10.000.000 dan Rp100.000.000" in html
        and "250.000.000" in html
    )
    response = client.post(url, {"branch": world.branch.pk, "amount": "25.000.000", "purpose": "beli oven"})
    assert response.status_code == 302 and Referral.objects.get().amount == 25_000_000


def test_owner_consents_and_submits_through_the_page(world, client):
    papers(world.owner, world.business)
    referral = services.referral_create(actor=world.owner, business=world.business, scheme=world.scheme,
                                        branch=world.branch, amount=20_000_000, purpose="beli oven")  # fmt: skip
    client.force_login(world.owner)
    page = client.get(reverse("financing:my_referral", args=[referral.pk])).content.decode()
    assert "menyetujui" in page and str(world.branch) in page
    client.post(reverse("financing:my_referral_step", args=[referral.pk, "setuju"]))
    client.post(reverse("financing:my_referral_step", args=[referral.pk, "ajukan"]))
    referral.refresh_from_db()
    assert referral.state == S.READY and referral.consents.exists()
    assert client.post(reverse("financing:my_referral_step", args=[referral.pk, "curang"])).status_code == 404


def make_referrals(world, n: int):
    """n sent referrals to the world's branch, from as many businesses (created directly: speed)."""
    have = Referral.objects.count()
    now = timezone.now()
    for i in range(have, n):
        business = BusinessFactory()
        Referral.objects.create(business=business, scheme=world.scheme, branch=world.branch, amount=10_000_000,
                                purpose="modal", state=S.SENT, state_changed_at=now - datetime.timedelta(days=i % 30),
                                sent_at=now, number=f"R/{i}")  # fmt: skip


def test_the_board_keeps_a_constant_query_count(world, client):
    client.force_login(world.staff)

    def fetch():
        response = client.get(reverse("financing:board"), {"state": "terbuka"})
        assert response.status_code == 200

    assert_constant_queries(fetch, lambda n: make_referrals(world, n), small=10, large=60)


def test_the_officers_list_keeps_a_constant_query_count_and_shows_days_waiting(world, client):
    client.force_login(world.officer)

    def fetch():
        response = client.get(reverse("financing:bank_list"))
        assert response.status_code == 200

    assert_constant_queries(fetch, lambda n: make_referrals(world, n), small=10, large=60)
    html = client.get(reverse("financing:bank_list")).content.decode()
    assert "menunggu 29 hari" in html and "text-bg-danger" in html  # past the 14-day service level


def test_another_branchs_officer_gets_404_and_sees_none_of_them(world, client):
    referral = referral_to(S.SENT, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    client.force_login(world.other_officer)
    assert client.get(reverse("financing:bank_detail", args=[referral.pk])).status_code == 404
    assert client.post(reverse("financing:bank_step", args=[referral.pk, "terima"])).status_code == 404
    assert world.business.name not in client.get(reverse("financing:bank_list")).content.decode()
    client.force_login(world.officer)
    client.post(reverse("financing:bank_step", args=[referral.pk, "terima"]))
    assert Referral.objects.get(pk=referral.pk).state == S.RECEIVED


def test_officer_records_a_decision_with_bad_input_and_nothing_changes(world, client):
    referral = referral_to(S.APPROVED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    client.force_login(world.officer)
    url = reverse("financing:bank_step", args=[referral.pk, "cairkan"])
    response = client.post(
        url, {"amount": "dua juta", "disbursed_on": "kemarin", "contract_number": ""}, follow=True
    )
    assert response.status_code == 200 and "Tulis nilai rupiah dengan angka" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).state == S.APPROVED


def test_letter_and_bundle_for_the_bank(world, client):
    referral = referral_to(S.SENT, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    client.force_login(world.officer)
    letter = client.get(reverse("financing:referral_letter", args=[referral.pk]))
    text = pdf_text(letter.content)
    assert (
        letter["Content-Type"] == "application/pdf"
        and referral.number in text
        and world.business.name in text
    )
    assert world.business.owner.nik not in text  # masked
    bundle = client.get(reverse("financing:referral_bundle", args=[referral.pk]))
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert names[0].startswith("surat-rujukan-") and sorted(names[1:]) == [
        "01-kk.pdf",
        "02-ktp.pdf",
        "03-nib.pdf",
    ]
    assert zipfile.ZipFile(io.BytesIO(bundle.content)).read("03-nib.pdf") == PDF
    assert AuditEntry.objects.filter(action=Event.REFERRAL_BUNDLE_DOWNLOADED, actor=world.officer).exists()
    # After the owner withdraws (and with it the consent), the file is no longer handed out.
    services.referral_withdraw(actor=world.owner, referral=referral, reason="tidak jadi")
    assert client.get(reverse("financing:referral_bundle", args=[referral.pk])).status_code == 404


def test_group_precheck_counts_and_lists_who_is_ready(world, client):
    papers(world.owner, world.business)
    BusinessFactory.create_batch(3)
    BusinessFactory(verification="baru")
    client.force_login(world.staff)
    response = client.get(reverse("financing:precheck"), {"scheme": world.scheme.pk})
    result = response.context["result"]
    assert result.total == 5 and result.counts == {"layak": 1, "belum": 4, "tidak": 0}
    ready = client.get(reverse("financing:precheck"), {"scheme": world.scheme.pk, "result": "layak"}).context[
        "result"
    ]
    assert [b.pk for b, _a in ready.page] == [world.business.pk]
    assert (
        "Siap dirujuk"
        in client.get(
            reverse("financing:precheck"), {"scheme": world.scheme.pk, "result": "layak"}
        ).content.decode()
    )


def test_staff_keep_the_catalogue_as_data(world, client):
    client.force_login(world.staff)
    data = {"provider": world.scheme.provider_id, "code": "kur-super-mikro", "name": "KUR Super Mikro", "family": "KUR",
            "kind": "pinjaman", "summary": "Sampai Rp10 juta.", "amount_min": "1.000.000", "amount_max": "10.000.000",
            "rate": "3%", "regulation": "Permenko 1/2023", "terms_confirmed_on": "2026-01-05", "service_level_days": "10",
            "is_active": "on", "min_months": "6", "alt_months": "0", "alt_facts": ["completed_training", "mentored"],
            "size_classes": ["mikro"], "no_active_credit": "on", "credit_families": "KUR", "required_docs": ["ktp", "nib"],
            "branches": [world.branch.pk]}  # fmt: skip
    response = client.post(reverse("financing:scheme_create"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    scheme = Scheme.objects.get(code="kur-super-mikro")
    assert scheme.rules == [
        {"kind": "min_months", "months": 6, "alt_months": 0, "alt_facts": ["completed_training", "mentored"]},
        {"kind": "size_classes", "allowed": ["mikro"]},
        {"kind": "no_active_credit", "families": ["KUR"]},
    ]
    assert scheme.documents == [{"any": ["nib", "sku"]}, {"any": ["ktp"]}] and list(
        scheme.branches.all()
    ) == [world.branch]
    assert AuditEntry.objects.filter(action=Event.SCHEME_CREATED).exists()
    response = client.post(
        reverse("financing:scheme_edit", args=[scheme.pk]), {**data, "amount_min": "20.000.000"}
    )
    assert (
        response.status_code == 200 and "Jumlah tertinggi harus sama atau lebih" in response.content.decode()
    )
    client.post(reverse("financing:scheme_edit", args=[scheme.pk]), {**data, "rate": "3% efektif"})
    assert AuditEntry.objects.filter(action=Event.SCHEME_UPDATED, object_id=str(scheme.pk)).exists()


def test_providers_branches_and_officers(world, client):
    client.force_login(world.staff)
    client.post(
        reverse("financing:provider_create"),
        {"name": "Bank Jateng", "short_name": "Bank Jateng", "kind": "bank", "is_active": "on"},
    )
    assert AuditEntry.objects.filter(action=Event.PROVIDER_SAVED).exists()
    provider = world.scheme.provider.__class__.objects.get(name="Bank Jateng")
    response = client.post(
        reverse("financing:branch_create", args=[provider.pk]),
        {"name": "Cabang Surakarta", "is_active": "on"},
    )
    branch = provider.branches.get()
    assert response.status_code == 302 and AuditEntry.objects.filter(action=Event.BRANCH_SAVED).exists()
    response = client.post(reverse("financing:branch_officer_add", args=[branch.pk]),
                           {"full_name": "Dewi Petugas", "phone": "0812 3333 4444"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "/akun/sandi/atur/" in html and "Dewi Petugas" in html
    officer = branch.officers.get()
    assert officer.groups.filter(name="petugas_bank").exists() and not officer.has_usable_password()
    assert AuditEntry.objects.filter(action=Event.OFFICER_ADDED).exists()
    response = client.post(
        reverse("financing:branch_officer_add", args=[branch.pk]), {"full_name": "Tanpa Kontak"}
    )
    assert response.status_code == 400 and "Isi nomor HP atau e-mail petugas." in response.content.decode()
    response = client.post(reverse("financing:branch_officer_add", args=[branch.pk]),
                           {"full_name": "Staf", "email": world.staff.email})  # fmt: skip
    assert response.status_code == 400 and "milik akun pegawai dinas" in response.content.decode()
    client.post(reverse("financing:branch_officer_remove", args=[branch.pk, officer.pk]))
    assert not branch.officers.exists() and AuditEntry.objects.filter(action=Event.OFFICER_REMOVED).exists()


def test_daily_run_expires_stale_referrals_and_reminds_overdue_ones(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    stale = services.referral_create(actor=world.owner, business=world.business, scheme=world.scheme,
                                     branch=world.branch, amount=20_000_000, purpose="modal kerja")  # fmt: skip
    Referral.objects.filter(pk=stale.pk).update(state_changed_at=timezone.now() - datetime.timedelta(days=61))
    make_referrals(world, 2)  # sent: one 0 days ago, one 1 day ago
    Referral.objects.filter(number="R/1").update(
        state_changed_at=timezone.now() - datetime.timedelta(days=20)
    )
    out = io.StringIO()
    call_command("financing_daily", stdout=out)
    assert out.getvalue().strip() == "1 rujukan kedaluwarsa, 1 pengingat dikirim."
    assert Referral.objects.get(pk=stale.pk).state == S.EXPIRED
    assert AuditEntry.objects.filter(action=Event.REFERRAL_EXPIRED).exists()
    assert AuditEntry.objects.filter(action=Event.REFERRAL_REMINDED).exists()
    assert any("menunggu 20 hari" in m.subject for m in mail.outbox)
    recipients = {a for m in mail.outbox for a in m.to}
    assert world.officer.email in recipients and world.staff.email in recipients
    call_command("financing_daily", stdout=io.StringIO())  # not again within the repeat days
    assert AuditEntry.objects.filter(action=Event.REFERRAL_REMINDED).count() == 1


def test_hooks_give_todo_items_timeline_and_funnel_steps(world):
    from django.apps import apps

    referral = referral_to(S.SENT, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    config = apps.get_app_config("financing")
    [todo] = config.todo_items(world.officer)
    assert referral.number in todo.label and todo.url == reverse("financing:bank_detail", args=[referral.pk])
    assert config.todo_items(world.other_officer) == []
    assert [e.label for e in config.timeline(world.business)][-1].endswith("Dikirim ke bank")
    steps = {s.name: s for s in config.outcome_steps()}
    assert list(steps["financing_referred"].businesses(None)) == [{"business_id": world.business.pk}]
    assert (
        config.home_url(world.officer) == reverse("financing:bank_list")
        and config.home_url(world.staff) is None
    )
