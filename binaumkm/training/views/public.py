"""The public certificate verification page: name, programme, batch and date — nothing else."""

from django.shortcuts import render

from ..models import Certificate


def certificate_verify(request, code):
    certificate = Certificate.objects.filter(code=code[:32]).first()
    status = 200 if certificate else 404
    return render(request, "training/public/verify.html", {"certificate": certificate}, status=status)
