"""The owner's pages: their businesses' mentoring (shared summaries only, never private notes),
confirming sessions, ticking their tasks; and the public one-time confirmation link."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import run_action

from .. import selectors, services
from ..policy import OWNER_OWN

owner_required = permission_required(OWNER_OWN)


@owner_required
def my_mentoring(request):
    return render(request, "mentoring/owner/my_mentoring.html", {
        "engagements": selectors.my_engagements(actor=request.user),
        "to_confirm": selectors.my_sessions_to_confirm(actor=request.user),
    })  # fmt: skip


@owner_required
def my_engagement(request, pk):
    engagement = selectors.my_engagement_get(actor=request.user, pk=pk)
    context = {
        "engagement": engagement,
        **selectors.my_engagement_detail(actor=request.user, engagement=engagement),
    }
    return render(request, "mentoring/owner/engagement.html", context)


@owner_required
@require_POST
def session_confirm(request, pk):
    session = selectors.my_session_get(actor=request.user, pk=pk, action="confirm")
    run_action(request, lambda: services.session_confirm(actor=request.user, session=session),
               _("Terima kasih: sesi pendampingan dikonfirmasi."))  # fmt: skip
    return redirect("mentoring:my_engagement", pk=session.engagement_id)


def session_confirm_link(request, token):
    """Public (the link itself is the proof): GET shows the session's shared summary, POST confirms."""
    if request.method == "POST":
        try:
            session = services.session_confirm_by_link(token=token)
        except ValidationError as exc:
            return render(
                request, "mentoring/public/confirm.html", {"error": " ".join(exc.messages)}, status=400
            )
        return render(request, "mentoring/public/confirm.html", {"session": session, "done": True})
    try:
        session = selectors.session_from_link(token)
    except ValidationError as exc:
        return render(request, "mentoring/public/confirm.html", {"error": " ".join(exc.messages)}, status=400)
    return render(request, "mentoring/public/confirm.html", {"session": session})
