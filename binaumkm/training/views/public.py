"""The public certificate verification page: name, programme, batch and date — nothing else."""

from django.shortcuts import render

from .. import selectors


def certificate_verify(request, code):
    certificate = selectors.certificate_verify_get(actor=request.user, code=code)
    status = 200 if certificate else 404
    return render(request, "training/public/verify.html", {"certificate": certificate}, status=status)
