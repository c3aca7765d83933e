"""The language of a government service (issue 17): one glossary in the catalogues, money as
"Rp1.500.000", Indonesian date ranges and signers on official documents, the e-mail house style."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template import Context, Template

from binaumkm.core import notify, official
from binaumkm.core.money import format_rupiah

D = datetime.date
PACKAGE = Path(__file__).resolve().parents[2]

# Words the glossary (docs/glossary.md) replaced, and typography PUEBI does not use.
DENIED = {
    r"\bsetelmen": "rekap pembayaran / dibayarkan",
    r"\bdisetelmen": "dibayarkan",
    r"\bbenih\b": "kode undian",
    r"\babsensi\b": "presensi",
    "«": "“ (tanda petik)",
    "»": "” (tanda petik)",
    r"\bRp (?=\d)": "Rp1.500.000 (no space after Rp)",
}


def denied_words(text: str) -> list[str]:
    return [
        f"{pattern!r} → {hint}" for pattern, hint in DENIED.items() if re.search(pattern, text, re.IGNORECASE)
    ]


def test_the_deny_list_catches_what_it_should():
    assert denied_words("Setelmen periode Mei") and denied_words("Benih undian") and denied_words("Absensi")
    assert denied_words("Toko «Maju»") and denied_words("Harga Rp 600.000")
    assert not denied_words("Rekap pembayaran Rp600.000 untuk “Maju”; kode undian 12; presensi")


def test_no_catalogue_holds_a_denied_word():
    catalogues = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 9
    found = [
        f"{po_path.relative_to(PACKAGE)}: {text[:70]!r}: {problem}"
        for po_path in catalogues
        for entry in polib.pofile(str(po_path))
        for text in (entry.msgid, entry.msgstr, entry.msgid_plural, *entry.msgstr_plural.values())
        if text
        for problem in denied_words(text)
    ]
    assert not found, "\n".join(found)


def test_money_has_no_space_after_rp():
    assert format_rupiah(1_500_000) == "Rp1.500.000"
    assert format_rupiah(0) == "Rp0" and format_rupiah(-25_000) == "-Rp25.000"
    html = Template("{% load ui %}<td>{{ amount|rupiah }}</td>").render(Context({"amount": 600_000}))
    assert html == "<td>Rp600.000</td>"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 5, 5), D(2025, 5, 5), "5 Mei 2025"),
        (D(2025, 5, 5), None, "5 Mei 2025"),
        (D(2025, 5, 5), D(2025, 5, 7), "5 s.d. 7 Mei 2025"),
        (D(2025, 4, 30), D(2025, 5, 2), "30 April s.d. 2 Mei 2025"),
        (D(2024, 12, 30), D(2025, 1, 2), "30 Desember 2024 s.d. 2 Januari 2025"),
    ],
)
def test_indonesian_date_ranges(start, end, expected):
    assert official.rentang_tanggal(start, end) == expected


def test_the_signer_is_required(settings):
    assert official.require_signer().nip  # the test settings configure one, as the demo does
    for missing in ("SIGNER_NAME", "SIGNER_NIP"):
        settings.BINAUMKM = {**settings.BINAUMKM, missing: "  "}
        with pytest.raises(ValidationError, match="penanda tangan belum diatur"):
            official.require_signer()


def test_the_house_style_of_e_mails(settings):
    agency = settings.BINAUMKM["AGENCY_NAME"]
    body = notify.frame(
        "Rekap pembayaran Mei sudah terbit. Lihat https://umkm.example.go.id/titip-jual/", addressee="Ibu Sri"
    )
    assert body.startswith("Yth. Ibu Sri,\n\nRekap pembayaran Mei sudah terbit.")
    assert body.endswith(f"Hormat kami,\n{agency}\n") and notify.house_style_problems(body) == []
    assert notify.frame("Yth. Pengelola Toko Maju,\n\nIsi.", addressee="x").count("Yth.") == 1
    bad = notify.house_style_problems("Halo,\nbuka /titip-jual/saya/ sekarang.")
    assert bad == [
        "no greeting 'Yth. …'",
        "no closing 'Hormat kami, <agency>'",
        "relative link /titip-jual/saya/",
    ]
    # Letter numbers and absolute links are not relative links.
    assert (
        notify.house_style_problems(
            notify.frame("Surat 500.2/001/DKUKMP/2026: http://x.id/a/b/", addressee="A")
        )
        == []
    )


@pytest.mark.django_db
def test_password_reset_e_mail_in_house_style(client, django_user_model, settings):
    django_user_model.objects.create_user(username="sri", email="sri@example.com", password="x-Pass-12345")
    client.post("/akun/sandi/lupa/", {"email": "sri@example.com"})
    (message,) = mail.outbox
    assert message.body.startswith("Yth. ") and "Seseorang" not in message.body
    assert re.search(r"https?://[^/\s]+/akun/sandi/", message.body)
    assert notify.house_style_problems(message.body) == []
