"""Shared view helpers: the guard and lookup of one outlet's pages."""

from functools import wraps

from binaumkm.core.policy import permission_required

from .. import selectors
from ..policy import OWN_OUTLET, VIEW_OUTLET

PAGE_SIZE = 25


def outlet_page(*permissions: str, action: str = "view"):
    """Pages of one outlet, for staff or that outlet's partners. Anonymous visitors go to the login
    page; a user holding none of ``permissions`` gets 403; an outlet they may not ``action`` is a 404."""

    def decorator(view):
        @permission_required(*(permissions or (VIEW_OUTLET, OWN_OUTLET)))
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            outlet = selectors.outlet_get(actor=request.user, pk=pk, action=action)
            return view(request, outlet, *args, **kwargs)

        return wrapper

    return decorator


def outlet_context(request, outlet, **context) -> dict:
    """What every outlet page shows: the outlet and the buttons the actor may use (``can.sell``...)."""
    return {"outlet": outlet, "can": selectors.outlet_actions(actor=request.user, outlet=outlet), **context}
