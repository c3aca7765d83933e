"""The app's entry point: sends each role to its own starting page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from binaumkm.accounts.roles import Role, has_role, is_agency

from .. import selectors


@login_required
def index(request):
    if is_agency(request.user):
        return redirect("consignment:outlet_list")
    if has_role(request.user, Role.OUTLET_PARTNER):
        outlets = list(selectors.outlet_visible(actor=request.user).order_by("name"))
        if len(outlets) == 1:
            return redirect("consignment:outlet_stock", pk=outlets[0].pk)
        return render(request, "consignment/outlet/my_outlets.html", {"outlets": outlets})
    if has_role(request.user, Role.OWNER):
        return redirect("consignment:owner_overview")
    raise PermissionDenied
