"""The public privacy notice and the owner's "Data saya": see everything held, download it, agree to
the notice, ask for a correction or deletion."""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import holds, permission_required
from binaumkm.core.templatetags.ui import wib
from binaumkm.core.viewkit import form_view, run_action
from binaumkm.registry.policy import OWN

from .. import downloads, selectors, services
from ..forms import CorrectionForm, DeletionForm
from ..models import RequestKind

owner_required = permission_required(OWN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def notice(request):
    """The notice in effect, for anyone; an owner who has not agreed to it gets the button."""
    current = selectors.notice_current()
    asked = (
        bool(current)
        and holds(request.user, OWN)
        and not selectors.has_consented(actor=request.user, notice=current)
    )
    return render(request, "privacy/notice.html", {
        "notice": current, "asked": asked, "next": request.GET.get("next", ""),
        "versions": selectors.notice_versions(),
    })  # fmt: skip


@require_POST
@owner_required
def consent(request):
    run_action(
        request,
        lambda: services.consent_give(actor=request.user),
        _("Terima kasih, persetujuan Anda tersimpan."),
    )
    target = request.POST.get("next", "")
    # Only a path on this site; redirect() would read any other word as a URL name and fail.
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    )
    return HttpResponseRedirect(target) if safe else redirect("home")


@owner_required
def my_data(request):
    data = services.own_data_show(actor=request.user)
    return render(request, "privacy/my_data.html", {
        "owner": data.owner, "tables": data.tables, "requests": selectors.own_requests(actor=request.user),
        "needs_consent": not selectors.has_consented(actor=request.user),
    })  # fmt: skip


@owner_required
def my_data_xlsx(request):
    data = services.own_data_download(actor=request.user, fmt="xlsx")
    response = HttpResponse(downloads.as_xlsx(data.tables), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="data-saya.xlsx"'
    return response


@owner_required
def my_data_json(request):
    data = services.own_data_download(actor=request.user, fmt="json")
    response = HttpResponse(downloads.as_json(data.tables), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="data-saya.json"'
    return response


@owner_required
def correction(request):
    return form_view(
        request, form=CorrectionForm(request.POST or None), template="privacy/request_form.html",
        context={"kind": RequestKind.CORRECTION},
        save=lambda data: services.request_create(
            actor=request.user, kind=RequestKind.CORRECTION, fields=data["fields_to_fix"], message=data["message"]
        ),
        success=lambda r: _("Permintaan %(ref)s terkirim. Dinas menjawab paling lambat %(due)s.") % {
            "ref": r.reference, "due": _when(r.due_at)},
        next_url="privacy:my_data",
    )  # fmt: skip


@owner_required
def deletion(request):
    return form_view(
        request, form=DeletionForm(request.POST or None), template="privacy/request_form.html",
        context={"kind": RequestKind.DELETION},
        save=lambda data: services.request_create(actor=request.user, kind=RequestKind.DELETION,
                                                  message=data["message"]),
        success=lambda r: _("Permintaan %(ref)s terkirim. Dinas menjawab paling lambat %(due)s.") % {
            "ref": r.reference, "due": _when(r.due_at)},
        next_url="privacy:my_data",
    )  # fmt: skip


def _when(moment) -> str:
    return wib(moment)
