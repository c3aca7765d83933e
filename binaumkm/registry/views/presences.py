"""Digital presence pages: the owner's "Jualan online" page (record and advance each platform from
the phone), staff verification, and staff's assisted onboarding session for many businesses."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..policy import OWN
from ..presence_forms import PresenceForm, PresenceSessionForm


@permission_required(OWN)
def my_presences(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk, action="own")
    presences = list(selectors.presence_list(actor=request.user, business=business, action="own"))
    initial = {"platform": request.GET.get("platform", ""), "stage": "rencana"}
    held = {p.platform: p for p in presences}
    if chosen := held.get(initial["platform"]):
        initial.update(
            stage=chosen.stage, url=chosen.url, order_band=chosen.order_band, assisted_by=chosen.assisted_by
        )
    form = PresenceForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        return services.presence_save(
            actor=request.user, business=business, platform=data["platform"], data=data
        )

    return form_view(
        request, form=form, template="registry/owner/presences.html",
        context={"business": business, "presences": presences},
        save=save, success=lambda p: _("%(platform)s disimpan.") % {"platform": p.get_platform_display()},
        next_url=request.path,
    )  # fmt: skip


@permission_required("registry.change_presence")
@require_POST
def presence_verify(request, pk):
    presence = selectors.presence_get(actor=request.user, pk=pk, action="verify")
    run_action(
        request, lambda: services.presence_verify(actor=request.user, presence=presence),
        _("Kehadiran digital diverifikasi."),
    )  # fmt: skip
    return redirect(presence.business.get_staff_url())


@permission_required("registry.add_presence")
def presence_session(request):
    form = PresenceSessionForm(request.POST or None, candidates=selectors.business_list(actor=request.user))

    def save(data):
        return services.presence_session_record(
            actor=request.user, platform=data["platform"], day=data["day"], assisted_by=data["assisted_by"],
            businesses=data["businesses"],
        )  # fmt: skip

    return form_view(
        request, form=form, template="registry/staff/presence_session.html", save=save,
        success=lambda touched: _("Pendampingan dicatat untuk %(n)d usaha.") % {"n": len(touched)},
        next_url=request.path,
    )  # fmt: skip


@permission_required(OWN)
@require_POST
def my_presence_confirm(request, pk, presence_pk):
    """The owner's "masih aktif" answer to the dormancy question."""
    business = selectors.business_get(actor=request.user, pk=pk, action="own")
    presence = selectors.presence_get(actor=request.user, pk=presence_pk, action="own")
    if presence.business_id != business.pk:
        raise Http404
    run_action(
        request, lambda: services.presence_confirm_active(actor=request.user, presence=presence),
        _("Terima kasih, toko %(platform)s tercatat masih aktif.") % {"platform": presence.get_platform_display()},
    )  # fmt: skip
    return redirect("registry:my_presences", pk=business.pk)


@permission_required("registry.view_presence", OWN)
def presence_evidence(request, pk):
    """The screenshot, to the business's owner and to staff only (private storage, never cached)."""
    content, content_type, name = selectors.presence_evidence(actor=request.user, pk=pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
