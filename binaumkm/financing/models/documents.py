"""The document file of a UMKM: identity and business papers the banks ask for. The files are
"specific" personal data (UU PDP 27/2022): stored in the private storage (never a public URL),
served only through a view that asks the access policy, and every opening is logged."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binaumkm.core.storage import private_storage
from binaumkm.registry.models import Business


class DocumentKind(models.TextChoices):
    KTP = "ktp", _("KTP elektronik")
    KK = "kk", _("Kartu keluarga (KK)")
    NIB = "nib", _("NIB (OSS)")
    SKU = "sku", _("Surat keterangan usaha (SKU) kelurahan")
    NPWP = "npwp", _("NPWP")
    PHOTO = "foto_usaha", _("Foto usaha")
    FINANCE = "catatan_keuangan", _("Catatan keuangan")

    @classmethod
    def single(cls) -> set[str]:
        """Kinds of which a business holds one current paper: a new upload replaces the old one."""
        return {cls.KTP, cls.KK, cls.NIB, cls.SKU, cls.NPWP}


class DocumentState(models.TextChoices):
    NEW = "baru", _("Menunggu diperiksa")
    VERIFIED = "terverifikasi", _("Terverifikasi")
    REJECTED = "ditolak", _("Ditolak")


def document_path(instance: "Document", filename: str) -> str:
    """A random name under the business's folder: the original name (often the person's name) is
    kept in the database only."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"berkas/{instance.business_id}/{uuid.uuid4().hex}.{extension}"


class Document(models.Model):
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="financing_documents", verbose_name=_("usaha")
    )
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("nomor dokumen"), max_length=40, blank=True)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # KTP/KK: the address on it is in this city (residence rules); None where it does not apply.
    address_in_city = models.BooleanField(_("alamat di kota ini"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=15, choices=DocumentState.choices, default=DocumentState.NEW
    )
    state_note = models.CharField(_("alasan penolakan"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A newer paper of the same kind replaced this one: kept for the history, no longer evidence.
    replaced_at = models.DateTimeField(_("diganti"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "-uploaded_at", "-id"]
        verbose_name = _("dokumen usaha")
        verbose_name_plural = _("dokumen usaha")
        permissions = [("verify_document", _("Dapat memeriksa dan memverifikasi dokumen usaha"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="financing_document_dates_order",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="financing_document_not_empty"),
        ]
        indexes = [models.Index(fields=["business", "kind"], condition=Q(replaced_at__isnull=True),
                                name="financing_document_current")]  # fmt: skip

    def __str__(self):
        return f"{self.get_kind_display()} · {self.business}"
