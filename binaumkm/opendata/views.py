"""Public open-data pages (anonymous, phone-first), downloads of frozen release files, the staff's
"new release" button, and the CKAN/DCAT endpoints the province's portal harvests."""

from __future__ import annotations

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import run_action

from . import ckan, selectors, services
from .ckan import MEDIA_TYPES
from .metadata import licence, producer, texts


@require_GET
def index(request):
    return render(request, "opendata/index.html", {
        "entries": selectors.catalogue(), "licence": licence(), "producer": producer(),
        "pending": selectors.pending_releases() if request.user.has_perm("opendata.add_release") else {},
    })  # fmt: skip


@require_GET
def detail(request, key):
    entry = selectors.entry_get(key)
    return render(request, "opendata/detail.html", {
        "entry": entry, "texts": texts(entry.dataset), "licence": licence(), "producer": producer(),
    })  # fmt: skip


def _serve(record):
    response = FileResponse(
        record.file.open("rb"), as_attachment=True, content_type=MEDIA_TYPES[record.format],
        filename=f"{record.release.dataset}-v{record.release.version}.{record.format}",
    )  # fmt: skip
    response["X-Checksum-SHA256"] = record.sha256
    response["Access-Control-Allow-Origin"] = "*"  # public data: portals may fetch it from a browser
    return response


@require_GET
def download_latest(request, key, fmt):
    return _serve(selectors.release_file_get(key, fmt))


@require_GET
def download(request, key, version, fmt):
    return _serve(selectors.release_file_get(key, fmt, version))


@require_POST
@permission_required("opendata.add_release")
def release_create(request, key):
    selectors.entry_get(key)  # 404 for an unknown dataset
    run_action(
        request, lambda: services.release_create(actor=request.user, dataset_key=key),
        _("Rilis baru dibuat. Berkas dataset besar ditulis di latar belakang; muat ulang halaman sebentar lagi."),
    )  # fmt: skip
    return redirect("opendata:detail", key=key)


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def ckan_package_list(request):
    return _json(ckan.envelope("package_list", [entry.dataset.key for entry in selectors.catalogue()]))


@require_GET
def ckan_package_show(request):
    key = request.GET.get("id", "")
    try:
        entry = selectors.entry_get(key)
    except Http404:
        return _json(ckan.error("package_show", _("Dataset tidak ditemukan.")), status=404)
    return _json(ckan.envelope("package_show", ckan.package(entry)))


@require_GET
def ckan_current_package_list(request):
    """CKAN's ``current_package_list_with_resources``: every package in full (harvesters use it)."""
    return _json(ckan.envelope("current_package_list_with_resources",
                               [ckan.package(entry) for entry in selectors.catalogue()]))  # fmt: skip


@require_GET
def ckan_help(request):
    action = request.GET.get("name", "")
    if action not in ckan.ACTIONS:
        return _json(ckan.error("help_show", _("Aksi tidak dikenal.")), status=404)
    return _json(ckan.envelope("help_show", ckan.ACTIONS[action]))


@require_GET
def dcat(request):
    response = _json(ckan.dcat(selectors.catalogue()))
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
