"""The one access policy: who may see or do what, for every model, from permissions held through roles.

Each domain app states its rules in ``<app>/policy.py`` as ``POLICIES``: for a model and an action
("view", "change", "verify", ...) the grants that allow it. A grant names a permission the user must
hold (roles are Django groups carrying permissions, so a city can widen or narrow a role without a
deploy) and, optionally, ``where``: the objects it covers, as a ``Q`` built from the user ("the
businesses they own"). A grant without ``where`` covers every object.

The same rule answers every question, as NetBox's restricted querysets do:
- ``scope(user, action, Model)``: the queryset a list starts from;
- ``get_object_or_404(user, action, Model, pk=...)``: one object, another party's is a 404;
- ``can`` / ``require(user, action, obj_or_Model)``: for services before they write;
- ``permission_required(perm)``: the one guard for views (anonymous: login; lacking: 403).
Nothing else in the code checks roles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from binaumkm.accounts.models import User

    Actor = User | AnonymousUser | None
else:
    Actor = Any

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Grant:
    permission: str  # "app_label.codename", held through a role
    where: Callable[[Any], Q] | None = None  # the objects covered, from the user; None: every object


class ModelPolicy:
    """The grants of one model, per action."""

    def __init__(self, model: type[Model], **actions: Grant | Iterable[Grant]):
        self.model = model
        self.actions = {
            action: (grants,) if isinstance(grants, Grant) else tuple(grants)
            for action, grants in actions.items()
        }

    def grants(self, action: str) -> tuple[Grant, ...]:
        try:
            return self.actions[action]
        except KeyError:
            raise ImproperlyConfigured(f"{self.model.__name__} has no access rule for {action!r}") from None


def holds(user: Actor, permission: str) -> bool:
    """The user holds the permission (through a role; superusers hold all; inactive users none)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(permission)  # type: ignore[union-attr]


def holds_any(user: Actor, permissions: Iterable[str]) -> bool:
    return any(holds(user, p) for p in permissions)


def _policy(model: type[Model]) -> ModelPolicy:
    policies = _registry()
    model = model._meta.concrete_model or model
    try:
        return policies[model]
    except KeyError:
        raise ImproperlyConfigured(f"No access policy declares {model.__name__}") from None


_POLICIES: dict[type[Model], ModelPolicy] | None = None


def _registry() -> dict[type[Model], ModelPolicy]:
    """Every app's ``policy.POLICIES``, collected once."""
    global _POLICIES
    if _POLICIES is None:
        from importlib import import_module

        found: dict[type[Model], ModelPolicy] = {}
        for config in apps.get_app_configs():
            if not config.name.startswith("binaumkm."):
                continue
            try:
                module = import_module(f"{config.name}.policy")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.policy":
                    raise
                continue
            for policy in getattr(module, "POLICIES", ()):
                found[policy.model] = policy
        _POLICIES = found
    return _POLICIES


def _queryset(target: type[M] | QuerySet[M]) -> QuerySet[M]:
    return target if isinstance(target, QuerySet) else target._default_manager.all()


def _covering(user: Actor, grants: Iterable[Grant]) -> Q | None | bool:
    """True when a held grant covers every object; a Q of the objects held grants cover; or None."""
    conditions = []
    for grant in grants:
        if holds(user, grant.permission):
            if grant.where is None:
                return True
            conditions.append(grant.where(user))
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def scope(user: Actor, action: str, target: type[M] | QuerySet[M]) -> QuerySet[M]:
    """The objects of ``target`` (a model or a queryset of it) the user may ``action``."""
    qs = _queryset(target)
    covering = _covering(user, _policy(qs.model).grants(action))
    if covering is True:
        return qs
    if covering is None:
        return qs.none()
    # A subquery, not a join: conditions across many-to-many relations never duplicate rows.
    return qs.filter(pk__in=qs.model._default_manager.filter(covering).values("pk"))


def can(user: Actor, action: str, target: Model | type[Model]) -> bool:
    """May the user ``action`` this object (or, given a model, any object of it / a new one)?"""
    model = target if isinstance(target, type) else type(target)
    covering = _covering(user, _policy(model).grants(action))
    if covering is None:
        return False
    if covering is True or isinstance(target, type):
        return True
    return model._default_manager.filter(covering, pk=target.pk).exists()


def require(user: Actor, action: str, target: Model | type[Model]) -> None:
    """For services: refuse (PermissionDenied) unless the policy allows it."""
    if not can(user, action, target):
        raise PermissionDenied


def get_object_or_404(user: Actor, action: str, target: type[M] | QuerySet[M], /, **lookup: Any) -> M:
    """One object the user may ``action``; anything else (absent, or another party's) is a 404."""
    try:
        return scope(user, action, target).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def permission_required(*permissions: str) -> Callable:
    """The view guard: anonymous visitors go to the login page; a user holding none of the
    permissions gets 403. Which objects they reach is the view's ``scope``/``get_object_or_404``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not holds_any(request.user, permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permissions = permissions  # type: ignore[attr-defined]
        return wrapper

    return decorator
