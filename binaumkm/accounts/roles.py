"""Roles are auth groups carrying permissions; the access policy (``core.policy``) checks only
permissions, so a city can widen or narrow a role by editing its group, without a deploy.

Apps declare each role's *default* permissions with ``role_permissions`` on their AppConfig
(``{Role.STAFF: ["app.codename", ...]}``). ``roles_sync`` (run after every migrate) creates the
groups and adds each default once: a permission a city later took away stays away, and a default
added by a new release is added on upgrade.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin_dinas", _("Admin dinas")
    STAFF = "staf_dinas", _("Staf dinas")
    OWNER = "pemilik_umkm", _("Pemilik usaha")
    STORE_PARTNER = "mitra_toko", _("Pengelola toko modern")
    OUTLET_PARTNER = "mitra_outlet", _("Pengelola gerai titip jual")
    MENTOR = "pendamping", _("Pendamping")
    BANK_OFFICER = "petugas_bank", _("Petugas bank")


AGENCY_ROLES = (Role.ADMIN, Role.STAFF)
# Held by agency roles: marks an account as the agency's own (never attached as a partner).
AGENCY_PERMISSION = "accounts.agency_account"


def assign_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))
    # Django caches permissions on the user object: forget them so the new role counts at once.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def default_permissions() -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            wanted[str(role)].update(perms)
    # The admin holds everything staff holds.
    wanted[Role.ADMIN].update(wanted[Role.STAFF])
    return wanted


def roles_sync(**kwargs) -> None:
    """Create the role groups and add each declared default permission that was never applied.

    Runs after every app's migrate, so after each flush of a transactional test too: it costs a
    handful of queries whatever the number of permissions (one query per permission made the
    PostgreSQL suite spend seconds on every such test)."""
    from .models import RoleDefault

    wanted = default_permissions()
    groups = {group.name: group for group in Group.objects.filter(name__in=wanted)}
    for role in wanted.keys() - groups.keys():
        groups[role] = Group.objects.create(name=role)
    applied = set(RoleDefault.objects.values_list("role", "permission"))
    missing = sorted((role, dotted) for role, perms in wanted.items() for dotted in perms
                     if (role, dotted) not in applied)  # fmt: skip
    if not missing:
        return
    labels = {dotted.split(".", 1)[0] for _role, dotted in missing}
    found = Permission.objects.filter(content_type__app_label__in=labels)
    pks = {f"{app_label}.{codename}": pk
           for pk, app_label, codename in found.values_list("pk", "content_type__app_label", "codename")}  # fmt: skip
    # A permission of an app not migrated yet is skipped; a later post_migrate adds it.
    ready = [(role, dotted) for role, dotted in missing if dotted in pks]
    through = Group.permissions.through
    through.objects.bulk_create(
        [through(group_id=groups[role].pk, permission_id=pks[dotted]) for role, dotted in ready],
        ignore_conflicts=True,
    )
    RoleDefault.objects.bulk_create([RoleDefault(role=role, permission=dotted) for role, dotted in ready])
