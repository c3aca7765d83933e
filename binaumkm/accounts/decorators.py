"""View guards. Object-level scoping is done by selectors (another user's object is a 404)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .roles import has_role, is_agency


def agency_required(view):
    """Back-office pages: agency staff or admin only."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_agency(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
