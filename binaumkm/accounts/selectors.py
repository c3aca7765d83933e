"""Reads of accounts and roles, restricted by ``accounts.policy``."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import QuerySet

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from .models import User
from .roles import AGENCY_PERMISSION, Role


def agency_users(*, actor: Actor) -> QuerySet[User]:
    app_label, codename = AGENCY_PERMISSION.split(".")
    return (
        policy.scope(actor, "view", User)
        .filter(
            groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label
        )
        .distinct()
        .prefetch_related("groups")
        .order_by("full_name", "username")
    )


def user_get(*, actor: Actor, pk: int, action: str = "view") -> User:
    return policy.get_object_or_404(actor, action, User, pk=pk)


def roles(*, actor: Actor) -> list[tuple[Role, Group]]:
    groups = {g.name: g for g in policy.scope(actor, "view", Group).prefetch_related("permissions")}
    return [(role, groups[role.value]) for role in Role if role.value in groups]


def role_get(*, actor: Actor, role: str) -> Group:
    return policy.get_object_or_404(actor, "view", Group, name=role)


def assignable_permissions() -> QuerySet[Permission]:
    """The permissions of this system's own apps (and role settings), for the role editor."""
    from django.conf import settings

    labels = [app.rsplit(".", 1)[1] for app in settings.INSTALLED_APPS if app.startswith("binaumkm.")]
    return (
        Permission.objects.filter(content_type__app_label__in=[*labels, "auth"])
        .exclude(content_type__app_label="auth", content_type__model="permission", codename__startswith="add")
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "codename")
    )
