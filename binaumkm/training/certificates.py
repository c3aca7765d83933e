"""Certificate documents: the PDF (WeasyPrint) with a QR code of the public verification link."""

from django.urls import reverse

from binaumkm.core.conf import site, site_url
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
        "site": site(),
    }
    return render_pdf("training/certificate_pdf.html", context)


def certificate_filename(certificate: Certificate) -> str:
    return "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
