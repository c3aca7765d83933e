"""Roles are auth groups with named permissions; object scoping lives in each app's selectors.

Apps contribute permissions to roles through ``role_permissions`` on their AppConfig
(``{Role.STAFF: ["app.codename", ...]}``); ``roles_sync`` (run after every migrate) applies them.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin_dinas", _("Admin dinas")
    STAFF = "staf_dinas", _("Staf dinas")
    OWNER = "pemilik_umkm", _("Pemilik UMKM")
    STORE_PARTNER = "mitra_toko", _("Mitra toko modern")
    OUTLET_PARTNER = "mitra_outlet", _("Mitra outlet titip jual")
    MENTOR = "pendamping", _("Pendamping (mentor)")


AGENCY_ROLES = (Role.ADMIN, Role.STAFF)


def role_codes(user) -> frozenset[str]:
    """The user's role codes, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_codes", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {Role.ADMIN}
        user._role_codes = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(role_codes(user) & set(roles))


def is_agency(user) -> bool:
    """Agency staff or admin: the back office."""
    return has_role(user, *AGENCY_ROLES)


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def assign_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))
    user.__dict__.pop("_role_codes", None)


def _collect_permissions() -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            wanted[str(role)].update(perms)
    # The admin holds everything staff holds.
    wanted[Role.ADMIN].update(wanted[Role.STAFF])
    return wanted


def roles_sync(**kwargs) -> None:
    """Create the role groups and give each exactly its declared permissions."""
    for role, perms in _collect_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        objs = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                objs.append(perm)
        group.permissions.set(objs)
