"""Public certificate pages: verification from the QR link, and a check by typed number and name.
Both show the name, programme, batch and date — nothing else."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import CertificateCheckForm


def certificate_verify(request, code):
    certificate = selectors.certificate_verify_get(actor=request.user, code=code)
    status = 200 if certificate else 404
    return render(request, "training/public/verify.html", {"certificate": certificate}, status=status)


def certificate_check(request):
    """GET /pelatihan/cek-sertifikat/?number=…&name=…: a match goes to the verification page."""
    form = CertificateCheckForm(request.GET or None)
    if form.is_valid():
        certificate = selectors.certificate_find(
            number=form.cleaned_data["number"], holder_name=form.cleaned_data["name"]
        )
        if certificate:
            return redirect("training:certificate_verify", code=certificate.code)
        form.add_error(None, _("Tidak ada sertifikat dengan nomor dan nama itu. Periksa penulisannya "
                               "persis seperti di sertifikat, atau hubungi dinas."))  # fmt: skip
    return render(request, "training/public/certificate_check.html", {"form": form})
