"""The app's entry point: sends each user to the starting page their permissions give."""

from django.shortcuts import redirect, render

from binaumkm.core.policy import holds, permission_required
from binaumkm.registry.selectors import todo_for

from .. import selectors
from ..policy import OWN_GOODS, OWN_OUTLET, VIEW_OUTLET


@permission_required(VIEW_OUTLET, OWN_OUTLET, OWN_GOODS)
def index(request):
    if holds(request.user, VIEW_OUTLET):
        return redirect("consignment:outlet_list")
    if holds(request.user, OWN_OUTLET):
        outlets = selectors.outlet_own(actor=request.user)
        if len(outlets) == 1:
            return redirect("consignment:outlet_stock", pk=outlets[0].pk)
        return render(
            request,
            "consignment/outlet/my_outlets.html",
            {"outlets": outlets, "todos": todo_for(request.user)},
        )
    return redirect("consignment:owner_overview")
