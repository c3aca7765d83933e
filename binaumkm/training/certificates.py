"""Certificate documents: the PDF (WeasyPrint) with a QR code of the public verification link."""

from django.urls import reverse
from django.utils import timezone

from binaumkm.core.conf import site, site_url
from binaumkm.core.official import rentang_tanggal, tanggal
from binaumkm.core.pdf import render_pdf
from binaumkm.core.qr import qr_data_uri

from .models import Certificate


def verification_url(certificate: Certificate, *, request=None) -> str:
    path = reverse("training:certificate_verify", args=[certificate.code])
    return request.build_absolute_uri(path) if request is not None else site_url(path)


def certificate_pdf(certificate: Certificate, *, request=None) -> bytes:
    url = verification_url(certificate, request=request)
    context = {
        "certificate": certificate,
        "verify_url": url,
        "qr": qr_data_uri(url),
        "dates": rentang_tanggal(certificate.start_date, certificate.end_date),
        "place_date": f"{site().get('DOCUMENT_PLACE', '')}, {tanggal(timezone.localtime(certificate.issued_at).date())}",
    }
    return render_pdf("training/certificate_pdf.html", context)


def certificate_filename(certificate: Certificate) -> str:
    return "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
