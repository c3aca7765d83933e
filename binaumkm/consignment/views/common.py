"""Shared view helpers: the outlet guard and mapping service errors onto forms."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import selectors

PAGE_SIZE = 25


def outlet_view(view):
    """Pages of one outlet (staff, or that outlet's partners): another outlet is a 404."""

    @login_required
    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        outlet = selectors.outlet_get(actor=request.user, pk=pk)
        return view(request, outlet, *args, **kwargs)

    return wrapper


def apply_service_errors(form, exc: ValidationError, *, rename: dict | None = None) -> None:
    """Show a service's ValidationError on the form: per field where the field exists."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            field = rename.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages or [_("Data tidak valid.")])
