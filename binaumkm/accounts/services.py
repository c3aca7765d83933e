"""Writes of accounts: one way to create an account for every role, and one-time set-password links.

Nobody is ever shown or sent a password. An account created by someone else has no usable password;
it gets a link (one use, expiring after ``PASSWORD_RESET_TIMEOUT``) that staff pass on by WhatsApp or
e-mail, and its holder sets their own password there before they can log in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy
from binaumkm.core.conf import site_url

from .events import Event
from .models import User
from .roles import AGENCY_PERMISSION, AGENCY_ROLES, assign_role


@dataclass(frozen=True)
class Invitation:
    """A one-time link to set a password, for staff to pass on (never stored, never in a cookie)."""

    user: User
    url: str


def account_find(*, phone: str | None = None, email: str = "") -> User | None:
    """The account with this normalised phone number (+62 form) or e-mail (any capitalisation)."""
    if phone:
        user = User.objects.filter(phone=phone).first() or User.objects.filter(username=phone).first()
        if user is not None:
            return user
    if email:
        return User.objects.filter(email__iexact=email.strip()).first()
    return None


def is_agency_account(user: User) -> bool:
    return policy.holds(user, AGENCY_PERMISSION)


@transaction.atomic
def account_create(
    *, actor: User | None, role: str, full_name: str, phone: str | None = None, email: str = ""
) -> tuple[User, bool]:
    """Give ``role`` to the account with this phone or e-mail, or create one without a password.

    Returns (user, created). Agency roles can only be given by holders of ``accounts.add_user``; an
    agency account is never attached as a store, outlet or UMKM partner, nor a partner made staff.
    """
    policy.require(actor, "add" if role in AGENCY_ROLES else "invite", User)
    email = (email or "").strip()
    if not phone and not email:
        raise ValidationError({"phone": _("Isi nomor HP atau e-mail.")})
    user = account_find(phone=phone, email=email)
    created = user is None
    if user is None:
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai akun lain.")})
        user = User(username=phone or email.lower(), phone=phone or None, email=email, full_name=full_name)
        user.set_unusable_password()
        user.save()
        audit.record(actor=actor, action=Event.USER_CREATED, obj=user, data={"role": role})
    elif (role in AGENCY_ROLES) != is_agency_account(user):
        if role in AGENCY_ROLES:
            raise ValidationError(
                {"phone": _("Nomor atau e-mail ini milik akun mitra, bukan akun pegawai dinas.")}
            )
        raise ValidationError(
            {"phone": _("Nomor atau e-mail ini milik akun pegawai dinas, bukan akun mitra.")}
        )
    assign_role(user, role)
    audit.record(actor=actor, action=Event.ROLE_GIVEN, obj=user, data={"role": role})
    return user, created


@transaction.atomic
def account_signup(*, role: str, full_name: str, phone: str, email: str, password: str) -> User:
    """Someone registers themself (an owner on the sign-up page) with the password they chose."""
    if role in AGENCY_ROLES:
        raise PermissionDenied
    if account_find(phone=phone) is not None:
        raise ValidationError({"phone": _("Nomor HP ini sudah dipakai akun lain. Silakan masuk.")})
    if email and account_find(email=email) is not None:
        raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai akun lain.")})
    user = User(username=phone, phone=phone, email=email, full_name=full_name)
    user.set_password(password)
    user.save()
    assign_role(user, role)
    audit.record(actor=user, action=Event.USER_SIGNED_UP, obj=user, data={"role": role})
    return user


def invitation_create(*, actor: User, user: User) -> Invitation:
    """A one-time link for ``user`` to set their password (staff pass it on). Logged, not stored."""
    policy.require(actor, "invite", user)
    if not user.is_active:
        raise ValidationError(_("Akun ini tidak aktif."))
    token = default_token_generator.make_token(user)
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    audit.record(actor=actor, action=Event.INVITATION_CREATED, obj=user)
    return Invitation(user=user, url=site_url(path))


@transaction.atomic
def account_deactivate(*, actor: User, user: User) -> User:
    policy.require(actor, "change", user)
    if user.pk == actor.pk:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(actor=actor, action=Event.USER_DEACTIVATED, obj=user, changes={"is_active": [True, False]})
    return user


@transaction.atomic
def role_permissions_set(*, actor: User, role: str, permissions: list[Permission]) -> Group:
    """A city widens or narrows a role: the group's permissions become exactly ``permissions``."""
    policy.require(actor, "change", Group)
    group = Group.objects.select_for_update().get(name=role)
    before = set(group.permissions.values_list("content_type__app_label", "codename"))
    group.permissions.set(permissions)
    after = {(p.content_type.app_label, p.codename) for p in permissions}
    added = sorted(f"{a}.{c}" for a, c in after - before)
    removed = sorted(f"{a}.{c}" for a, c in before - after)
    if added or removed:
        audit.record(
            actor=actor, action=Event.ROLE_CHANGED, obj=group, data={"added": added, "removed": removed}
        )
    return group


@transaction.atomic
def account_anonymise(*, actor: User | None, user: User) -> User:
    """Deactivate an owner's account and drop its name, phone (the login) and e-mail: the UU PDP
    deletion of ``privacy``, whose services hold the permission check (the data-request handler
    processes it, or the retention job runs with ``actor`` None). Agency accounts are never erased."""
    if is_agency_account(user):
        raise PermissionDenied
    user.username = f"anonim-{user.pk}"
    user.phone = None
    user.email = ""
    user.full_name = user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()
    audit.record(actor=actor, action=Event.USER_ANONYMISED, obj=user, changes={"is_active": [True, False]})
    return user
