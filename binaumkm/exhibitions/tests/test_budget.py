"""The budget: coded lines, plan vs realised, the audited override above plan, private receipts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import BudgetRealisation, State
from binaumkm.exhibitions.tests.factories import ExhibitionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _line(staff, exhibition=None, planned=10_000_000):
    exhibition = exhibition or ExhibitionFactory(state=State.PLANNING)
    data = {"activity_code": "2.17.02.2.01.0001", "account_code": "5.1.02.01.01.0024",
            "description": "Sewa tenda dan kursi", "planned": planned}  # fmt: skip
    return services.budget_line_save(actor=staff, exhibition=exhibition, data=data)


def test_codes_are_validated_and_normalised(staff_user):
    line = _line(staff_user)
    assert (line.activity_code, line.account_code) == ("2.17.02.2.01.0001", "5.1.02.01.01.0024")
    data = {
        "activity_code": " 5.1.02 .01 ",
        "account_code": "5.1.02.01.01.0024",
        "description": "Konsumsi",
        "planned": 0,
    }
    assert (
        services.budget_line_save(actor=staff_user, exhibition=line.exhibition, data=data).activity_code
        == "5.1.02.01"
    )
    for bad in ("5-1-02", "abc", "5", "5.1.02.01.01.0024.1.2.3", "=1+1"):
        with pytest.raises(ValidationError) as info:
            services.budget_line_save(
                actor=staff_user, exhibition=line.exhibition, data={**data, "activity_code": bad}
            )
        assert "activity_code" in info.value.error_dict


def test_a_realisation_above_plan_without_an_override_is_refused(staff_user):
    line = _line(staff_user, planned=10_000_000)
    services.realisation_add(actor=staff_user, line=line, amount=9_000_000, date=DAY)
    with pytest.raises(ValidationError) as info:
        services.realisation_add(actor=staff_user, line=line, amount=1_500_000, date=DAY)
    assert (
        "melebihi pagu" in info.value.message_dict["amount"][0]
        and "Rp500.000" in info.value.message_dict["amount"][0]
    )
    assert BudgetRealisation.objects.count() == 1
    # Staff lack the override permission: ticking the box is not enough.
    with pytest.raises(ValidationError) as info:
        services.realisation_add(actor=staff_user, line=line, amount=1_500_000, date=DAY, override=True,
                                 reason="Harga sewa tenda naik menjelang acara")  # fmt: skip
    assert "override" in info.value.error_dict
    assert BudgetRealisation.objects.count() == 1


def test_the_override_needs_a_reason_and_is_audited(staff_user, admin_user):
    line = _line(staff_user, planned=1_000_000)
    with pytest.raises(ValidationError) as info:
        services.realisation_add(
            actor=admin_user, line=line, amount=1_200_000, date=DAY, override=True, reason="naik"
        )
    assert "reason" in info.value.error_dict
    entry = services.realisation_add(actor=admin_user, line=line, amount=1_200_000, date=DAY, override=True,
                                     reason="Harga sewa tenda naik menjelang acara")  # fmt: skip
    assert entry.over_plan_reason.startswith("Harga sewa")
    audit = AuditEntry.objects.get(action=Event.BUDGET_OVERRIDDEN)
    assert audit.data["over"] == 200_000 and audit.data["reason"].startswith("Harga sewa")
    assert audit.actor == admin_user
    assert AuditEntry.objects.filter(action=Event.BUDGET_REALISED).count() == 1
    # Within the plan no override is needed, and a reason given then is not stored.
    other = _line(staff_user, line.exhibition, planned=500)
    within = services.realisation_add(
        actor=admin_user, line=other, amount=500, date=DAY, reason="tidak perlu alasan"
    )
    assert within.over_plan_reason == ""


def test_amounts_are_integer_rupiah_not_negative(staff_user):
    line = _line(staff_user)
    for amount in (-1, 1.5, "100"):
        with pytest.raises(ValidationError):
            services.realisation_add(actor=staff_user, line=line, amount=amount, date=DAY)
    with pytest.raises(ValidationError):
        _line(staff_user, line.exhibition, planned=-5)


def test_the_plan_cannot_go_below_what_was_spent(staff_user):
    line = _line(staff_user, planned=1_000)
    services.realisation_add(actor=staff_user, line=line, amount=800, date=DAY)
    data = {
        "activity_code": line.activity_code,
        "account_code": line.account_code,
        "description": "x",
        "planned": 700,
    }
    with pytest.raises(ValidationError, match="di bawah realisasi"):
        services.budget_line_save(actor=staff_user, exhibition=line.exhibition, data=data, line=line)


def test_evidence_is_type_and_size_checked(staff_user, settings):
    line = _line(staff_user)
    fake = SimpleUploadedFile("kuitansi.pdf", b"<html>bukan pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        services.realisation_add(actor=staff_user, line=line, amount=10, date=DAY, evidence=fake)
    assert "Jenis berkas tidak diterima" in info.value.message_dict["evidence"][0]
    settings.BINAUMKM = {**settings.BINAUMKM, "EXHIBITIONS": {"EVIDENCE_MAX_BYTES": 40}}
    big = SimpleUploadedFile("kuitansi.pdf", PDF, content_type="application/pdf")
    with pytest.raises(ValidationError, match="terlalu besar"):
        services.realisation_add(actor=staff_user, line=line, amount=10, date=DAY, evidence=big)
    settings.BINAUMKM = {**settings.BINAUMKM, "EXHIBITIONS": {}}
    ok = services.realisation_add(actor=staff_user, line=line, amount=10, date=DAY,
                                  evidence=SimpleUploadedFile("nota.png", PNG, content_type="image/png"))  # fmt: skip
    assert ok.evidence_type == "png" and ok.evidence.name.endswith(".png") and "nota" not in ok.evidence.name


def test_evidence_is_private_and_each_opening_logged(client, staff_user):
    line = _line(staff_user)
    entry = services.realisation_add(actor=staff_user, line=line, amount=10, date=DAY,
                                     evidence=SimpleUploadedFile("k.pdf", PDF, content_type="application/pdf"))  # fmt: skip
    url = reverse("exhibitions:evidence", args=[entry.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_user("pemilik_umkm", username="+6281299990001"))
    assert client.get(url).status_code == 403
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=Event.EVIDENCE_VIEWED).count() == 1


def test_a_reported_exhibition_keeps_its_budget(staff_user):
    line = _line(staff_user)
    line.exhibition.state = State.REPORTED
    line.exhibition.save()
    with pytest.raises(ValidationError, match="sudah dilaporkan"):
        services.realisation_add(actor=staff_user, line=line, amount=1, date=DAY)
    with pytest.raises(ValidationError, match="sudah dilaporkan"):
        _line(staff_user, line.exhibition)


def test_the_budget_page_shows_plan_vs_realised_per_line_and_in_total(client, staff_user, admin_user):
    line = _line(staff_user, planned=2_000_000)
    _line(staff_user, line.exhibition, planned=3_000_000)
    services.realisation_add(actor=staff_user, line=line, amount=1_500_000, date=DAY)
    services.realisation_add(actor=admin_user, line=line, amount=700_000, date=DAY, override=True,
                             reason="Tambahan kursi untuk tamu")  # fmt: skip
    client.force_login(staff_user)
    html = client.get(reverse("exhibitions:budget", args=[line.exhibition_id])).content.decode()
    assert "Rp2.200.000" in html and "melebihi pagu Rp200.000" in html
    assert 'id="total-planned">Rp5.000.000' in html and 'id="total-realised">Rp2.200.000' in html
    assert "Tambahan kursi untuk tamu" in html
