"""The public catalogue: active schemes in plain Indonesian, for anyone."""

from django.shortcuts import render

from binaumkm.core.conf import site

from .. import eligibility, selectors


def schemes(request):
    items = list(selectors.scheme_public_list())
    return render(request, "financing/public/schemes.html", {"schemes": items})


def scheme_detail(request, code):
    scheme = selectors.scheme_public_get(code)
    requirements = eligibility.requirement_texts(
        scheme.rules or [], scheme.documents or [], city=site()["CITY_NAME"]
    )
    return render(
        request, "financing/public/scheme_detail.html", {"scheme": scheme, "requirements": requirements}
    )
