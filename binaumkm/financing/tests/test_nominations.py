"""Nomination lists: every row checked before export, all-or-nothing; a NIK already nominated in an
exported list of any scheme, or an active KUR, refuses the export with the row named."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from binaumkm.core.models import AuditEntry
from binaumkm.financing import services
from binaumkm.financing.events import Event
from binaumkm.financing.models import NominationList, NominationState, ReferralState, SchemeKind
from binaumkm.registry.models import Business

from .factories import ProviderFactory, SchemeFactory, owner_with_business, referral_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(world):
    provider = ProviderFactory(name="Kementerian Koperasi dan UKM", kind="program")

    def make(code, name):
        return SchemeFactory(
            code=code,
            name=name,
            family="",
            kind=SchemeKind.GRANT,
            provider=provider,
            amount_min=1_200_000,
            amount_max=1_200_000,
            rules=[],
            documents=[],
        )  # noqa: E731

    return make("bpum-2021", "BPUM 2021"), make("hibah-kota-2026", "Hibah UMKM Kota 2026")


def new_list(world, scheme, title, layout="bpum"):
    return services.nomination_list_create(
        actor=world.staff, title=title, target="hibah", layout=layout, scheme=scheme
    )


def add(world, nomination_list, *businesses):
    services.nominations_add(actor=world.staff, nomination_list=nomination_list,
                             businesses=Business.objects.filter(pk__in=[b.pk for b in businesses]))  # fmt: skip


def test_an_export_with_a_nik_already_nominated_for_another_scheme_is_refused_with_the_row(world, grants):
    bpum, city_grant = grants
    first = new_list(world, bpum, "BPUM 2021 tahap 1")
    add(world, first, world.business)
    services.nomination_list_export(actor=world.staff, nomination_list=first, fmt="xlsx")

    _user, clean = owner_with_business(name="Abon Sapi Bu Tini", nib="9120000000002")
    second = new_list(world, city_grant, "Hibah kota 2026")
    add(world, second, clean, world.business)
    row = [
        r["row"]
        for r in services.nominations.reads.nomination_rows(second)
        if r["business_id"] == world.business.pk
    ][0]

    with pytest.raises(ValidationError) as exc:
        services.nomination_list_export(actor=world.staff, nomination_list=second, fmt="xlsx")

    assert exc.value.messages == [
        f"Baris {row} ({world.business.name} – {world.business.reference}): NIK sudah diusulkan di daftar “BPUM 2021 tahap 1”."
    ]
    second.refresh_from_db()
    assert second.state == NominationState.DRAFT and second.exported_at is None  # all or nothing
    assert not AuditEntry.objects.filter(
        action=Event.NOMINATION_LIST_EXPORTED, object_id=str(second.pk)
    ).exists()


def test_every_problem_of_every_row_is_named(world, grants):
    bpum, _ = grants
    _u, unverified = owner_with_business(verification="baru", nib="9120000000003")
    _u, closed = owner_with_business(status="tutup", nib="9120000000004")
    _u, no_nib = owner_with_business(nib=None)
    same_person = Business.objects.create(owner=world.business.owner, name="Cabang Kedua", address="Jl. X",
                                          kelurahan=world.business.kelurahan, kbli_section="C", verification="terverifikasi")  # fmt: skip
    nomination_list = new_list(world, bpum, "BPUM uji")
    add(world, nomination_list, world.business, unverified, closed, no_nib, same_person)
    with pytest.raises(ValidationError) as exc:
        services.nomination_list_export(actor=world.staff, nomination_list=nomination_list, fmt="csv")
    text = "\n".join(exc.value.messages)
    assert "Usaha belum terverifikasi dinas." in text and "Usaha sudah tutup." in text
    assert "NIB atau SKU belum ada." in text and "NIK sama dengan baris" in text
    assert NominationList.objects.get(pk=nomination_list.pk).state == NominationState.DRAFT


def test_an_active_kur_borrower_is_refused(world, grants):
    referral_to(ReferralState.DISBURSED, owner=world.owner, business=world.business, scheme=world.scheme,
                branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    nomination_list = new_list(world, grants[0], "BPUM")
    add(world, nomination_list, world.business)
    with pytest.raises(ValidationError, match="Masih debitur KUR aktif"):
        services.nomination_list_export(actor=world.staff, nomination_list=nomination_list, fmt="xlsx")


def test_a_clean_list_exports_in_the_configured_columns(world, grants, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "FINANCING": {"NOMINATION_LAYOUTS": {
        "uji": {"label": "Uji", "columns": [["NIK", "nik"], ["NAMA", "full_name"], ["USAHA", "business_name"], ["NILAI", "amount"]]},
    }}}  # fmt: skip
    nomination_list = new_list(world, grants[0], "BPUM", layout="uji")
    add(world, nomination_list, world.business)
    export = services.nomination_list_export(actor=world.staff, nomination_list=nomination_list, fmt="xlsx")
    from binaumkm.financing import exporting

    sheet = load_workbook(
        io.BytesIO(
            exporting.nomination_file(
                export.rows, export.columns, fmt="xlsx", today=__import__("datetime").date(2026, 1, 1)
            )
        )
    ).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    owner = world.business.owner
    assert rows == [
        ["NIK", "NAMA", "USAHA", "NILAI"],
        [owner.nik, owner.full_name, world.business.name, 1_200_000],
    ]
    nomination_list.refresh_from_db()
    assert nomination_list.state == NominationState.EXPORTED
    assert AuditEntry.objects.filter(action=Event.NOMINATION_LIST_EXPORTED).exists()
    with pytest.raises(ValidationError, match="sudah diekspor"):
        add(world, nomination_list, world.business)


def test_the_page_shows_the_refusal_and_the_csv_is_inert(world, grants, client):
    bpum, city_grant = grants
    client.force_login(world.staff)
    first = new_list(world, bpum, "BPUM 2021")
    world.business.name = '=HYPERLINK("x")'
    world.business.save()
    add(world, first, world.business)
    response = client.post(reverse("financing:nomination_export", args=[first.pk, "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][5] == '\'=HYPERLINK("x")'  # formula made inert
    second = new_list(world, city_grant, "Hibah 2026")
    add(world, second, world.business)
    response = client.post(reverse("financing:nomination_export", args=[second.pk, "xlsx"]))
    assert response.status_code == 400
    assert "NIK sudah diusulkan di daftar “BPUM 2021”" in response.content.decode()


def test_staff_build_a_list_from_a_filter_and_remove_a_row(world, grants, client):
    client.force_login(world.staff)
    response = client.post(
        reverse("financing:nomination_lists"), {"title": "SIKP Jan", "target": "sikp", "layout": "sikp"}
    )
    nomination_list = NominationList.objects.get(title="SIKP Jan")
    assert (
        response.status_code == 302
        and AuditEntry.objects.filter(action=Event.NOMINATION_LIST_CREATED).exists()
    )
    response = client.post(reverse("financing:nomination_add", args=[nomination_list.pk]), {"limit": 10})
    assert response.status_code == 302 and nomination_list.nominations.count() == 1
    assert AuditEntry.objects.filter(action=Event.NOMINATIONS_ADDED).exists()
    item = nomination_list.nominations.get()
    client.post(reverse("financing:nomination_remove", args=[nomination_list.pk, item.pk]))
    assert (
        not nomination_list.nominations.exists()
        and AuditEntry.objects.filter(action=Event.NOMINATION_REMOVED).exists()
    )
    response = client.post(
        reverse("financing:nomination_lists"), {"title": "Hibah", "target": "hibah", "layout": "bpum"}
    )
    assert response.status_code == 200 and "Pilih skema hibah" in response.content.decode()
