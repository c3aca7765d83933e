"""The document file: size and real type checked (first bytes, not the name), a newer paper replaces
the old one (kept), staff verify or reject, and files are served only through the policy, logged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binaumkm.core.models import AuditEntry
from binaumkm.financing import filetypes, services
from binaumkm.financing.events import Event
from binaumkm.financing.models import Document, DocumentState

from .factories import JPEG, PDF, PNG, owner_with_business, upload

pytestmark = pytest.mark.django_db


def test_sniffing_reads_the_first_bytes():
    assert filetypes.sniff(PDF) == "pdf" and filetypes.sniff(JPEG) == "jpeg" and filetypes.sniff(PNG) == "png"
    assert filetypes.sniff(b"\x00\x00\x00\x18ftypheic\x00\x00") == "heic"
    assert filetypes.sniff(b"MZ\x90\x00 executable") is None
    assert filetypes.matches_extension("pdf", "NIB.PDF") and not filetypes.matches_extension("png", "nib.pdf")


def upload_nib(world, file, **kwargs):
    return services.document_upload(actor=world.owner, business=world.business, kind="nib", upload=file,
                                    number=kwargs.pop("number", "9120001234567"), **kwargs)  # fmt: skip


@pytest.mark.parametrize(("file", "message"), [
    (SimpleUploadedFile("nib.pdf", b"MZ\x90\x00" + b"\x00" * 40), "Jenis berkas tidak diterima"),
    (SimpleUploadedFile("nib.pdf", PNG), "isinya PNG, namanya “nib.pdf”"),
    (SimpleUploadedFile("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20), "HEIC"),
    (SimpleUploadedFile("nib.pdf", b""), "kosong"),
])  # fmt: skip
def test_wrong_type_or_empty_is_refused_with_a_clear_message(world, file, message):
    with pytest.raises(ValidationError) as exc:
        upload_nib(world, file)
    assert message in " ".join(exc.value.message_dict["file"])
    assert not Document.objects.exists()


def test_too_large_is_refused(world, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "FINANCING": {"DOCUMENT_MAX_BYTES": 100}}
    with pytest.raises(ValidationError) as exc:
        upload_nib(world, SimpleUploadedFile("nib.pdf", PDF + b"0" * 200))
    assert "terlalu besar" in exc.value.message_dict["file"][0]


def test_numbers_are_checked_per_kind(world):
    with pytest.raises(ValidationError) as exc:
        upload_nib(world, upload(), number="12345")
    assert "NIB" in exc.value.message_dict["number"][0]
    with pytest.raises(ValidationError):
        services.document_upload(
            actor=world.owner, business=world.business, kind="ktp", upload=upload(), number=""
        )


def test_a_new_paper_replaces_the_old_one_which_is_kept(world):
    first = upload_nib(world, upload("pdf", "nib-lama.pdf"), issued_on=datetime.date(2021, 1, 4))
    second = upload_nib(world, upload("jpeg", "nib.jpg"))
    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    assert second.content_type == "image/jpeg" and not second.file.name.endswith("nib.jpg")  # a random name
    entry = AuditEntry.objects.filter(action=Event.DOCUMENT_UPLOADED, object_id=str(second.pk)).get()
    assert entry.data["replaced"] == [first.pk]


def test_staff_verify_or_reject_and_owners_cannot(world):
    doc = upload_nib(world, upload())
    with pytest.raises(PermissionDenied):
        services.document_verify(actor=world.owner, document=doc)
    services.document_verify(actor=world.staff, document=doc)
    doc.refresh_from_db()
    assert doc.state == DocumentState.VERIFIED and doc.verified_by == world.staff
    with pytest.raises(ValidationError):
        services.document_reject(actor=world.staff, document=doc, reason=" ")
    services.document_reject(actor=world.staff, document=doc, reason="Foto buram")
    doc.refresh_from_db()
    assert doc.state == DocumentState.REJECTED and doc.state_note == "Foto buram"
    assert AuditEntry.objects.filter(action=Event.DOCUMENT_VERIFIED).exists()
    assert AuditEntry.objects.filter(action=Event.DOCUMENT_REJECTED).exists()


def test_another_owner_cannot_upload_to_my_business(world):
    stranger, _business = owner_with_business()
    with pytest.raises(PermissionDenied):
        services.document_upload(
            actor=stranger, business=world.business, kind="nib", upload=upload(), number="9120001234567"
        )


def test_files_are_served_through_the_policy_and_every_opening_is_logged(world, client):
    doc = upload_nib(world, upload())
    url = reverse("financing:document_file", args=[doc.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    stranger, _business = owner_with_business()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(world.officer)
    assert client.get(url).status_code == 403
    client.force_login(world.owner)
    response = client.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    client.force_login(world.staff)
    assert client.get(url).status_code == 200
    viewers = set(AuditEntry.objects.filter(action=Event.DOCUMENT_VIEWED).values_list("actor_id", flat=True))
    assert viewers == {world.owner.pk, world.staff.pk}


def test_the_file_has_no_public_url(world):
    doc = upload_nib(world, upload())
    from binaumkm.core.storage import PrivateFileStorage

    assert doc.file.storage is not None
    with pytest.raises(ValueError):
        PrivateFileStorage().url(doc.file.name)


def test_upload_page_keeps_what_was_typed_on_a_bad_file(world, client):
    client.force_login(world.owner)
    url = reverse("financing:my_document_upload", args=[world.business.pk])
    response = client.post(
        url, {"kind": "nib", "number": "9120001234567", "file": SimpleUploadedFile("nib.pdf", PNG)}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "isinya PNG" in html and 'value="9120001234567"' in html
    response = client.post(url, {"kind": "nib", "number": "9120001234567", "file": upload()})
    assert response.status_code == 302
