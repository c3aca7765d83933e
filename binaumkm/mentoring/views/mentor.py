"""The mentor's phone-first portal: today's and this week's visits, the caseload with days since the
last contact, overdue tasks and goals, and a quick session entry per engagement."""

from django.shortcuts import render

from binaumkm.core.policy import permission_required

from .. import selectors
from ..policy import MENTOR_OWN


@permission_required(MENTOR_OWN)
def portal(request):
    mentor = selectors.mentor_own(actor=request.user)
    context = {"mentor": mentor}
    if mentor is not None:
        context.update(selectors.portal(actor=request.user, mentor=mentor))
    return render(request, "mentoring/mentor/portal.html", context)
