"""Writes of the scheme catalogue (staff): providers, branches and their officers, schemes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core import audit, policy

from .. import eligibility
from ..events import Event
from ..models import Branch, Provider, Scheme

PROVIDER_FIELDS = ("name", "short_name", "kind", "website", "is_active")
BRANCH_FIELDS = ("name", "address", "phone", "email", "is_active")
SCHEME_FIELDS = (
    "provider", "code", "name", "family", "kind", "summary", "amount_min", "amount_max", "rate",
    "tenor_months_max", "collateral", "documents", "rules", "regulation", "terms_confirmed_on",
    "service_level_days", "is_active",
)  # fmt: skip


def _assign(obj, data: dict[str, Any], fields) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


@transaction.atomic
def provider_save(*, actor: User, data: dict[str, Any], provider: Provider | None = None) -> Provider:
    policy.require(actor, "change" if provider else "add", provider or Provider)
    provider = provider or Provider()
    before = audit.snapshot(provider, PROVIDER_FIELDS) if provider.pk else {}
    _assign(provider, data, PROVIDER_FIELDS)
    if Provider.objects.filter(name__iexact=provider.name).exclude(pk=provider.pk).exists():
        raise ValidationError({"name": _("Penyedia dengan nama ini sudah ada.")})
    provider.save()
    audit.record(actor=actor, action=Event.PROVIDER_SAVED, obj=provider,
                 changes=audit.diff(before, audit.snapshot(provider, PROVIDER_FIELDS)))  # fmt: skip
    return provider


@transaction.atomic
def branch_save(
    *, actor: User, provider: Provider, data: dict[str, Any], branch: Branch | None = None
) -> Branch:
    policy.require(actor, "change" if branch else "add", branch or Branch)
    branch = branch or Branch(provider=provider)
    before = audit.snapshot(branch, BRANCH_FIELDS) if branch.pk else {}
    _assign(branch, data, BRANCH_FIELDS)
    try:
        with transaction.atomic():
            branch.save()
    except IntegrityError:
        raise ValidationError({"name": _("Kantor dengan nama ini sudah ada untuk penyedia ini.")}) from None
    audit.record(actor=actor, action=Event.BRANCH_SAVED, obj=branch,
                 changes=audit.diff(before, audit.snapshot(branch, BRANCH_FIELDS)))  # fmt: skip
    return branch


@transaction.atomic
def branch_officer_add(
    *, actor: User, branch: Branch, full_name: str, phone: str | None = None, email: str = ""
) -> tuple[User, accounts.Invitation]:
    """Give the bank officer role to this person (a new account without a password, or their
    existing partner account) and attach them to the branch; returns the one-time link to pass on."""
    policy.require(actor, "change", branch)
    user, _created = accounts.account_create(
        actor=actor, role=Role.BANK_OFFICER, full_name=full_name, phone=phone, email=email
    )
    branch.officers.add(user)
    audit.record(actor=actor, action=Event.OFFICER_ADDED, obj=branch, data={"officer": user.display_name})
    return user, accounts.invitation_create(actor=actor, user=user)


@transaction.atomic
def branch_officer_remove(*, actor: User, branch: Branch, officer: User) -> Branch:
    """The officer no longer sees this branch's referrals (their account and role stay)."""
    policy.require(actor, "change", branch)
    if not branch.officers.filter(pk=officer.pk).exists():
        raise ValidationError(_("Petugas ini tidak terdaftar di kantor ini."))
    branch.officers.remove(officer)
    audit.record(
        actor=actor, action=Event.OFFICER_REMOVED, obj=branch, data={"officer": officer.display_name}
    )
    return branch


def _check_scheme(scheme: Scheme) -> None:
    problems = eligibility.validate_terms(scheme.rules, scheme.documents)
    if problems:
        raise ValidationError({"rules": problems})
    if scheme.amount_min > scheme.amount_max:
        raise ValidationError(
            {"amount_max": _("Jumlah tertinggi harus sama atau lebih dari jumlah terendah.")}
        )
    if Scheme.objects.filter(code=scheme.code).exclude(pk=scheme.pk).exists():
        raise ValidationError({"code": _("Kode skema ini sudah dipakai.")})


@transaction.atomic
def scheme_save(
    *, actor: User, data: dict[str, Any], branches: list[Branch] | None = None, scheme: Scheme | None = None
) -> Scheme:
    """Create or change a scheme; its terms, rules and offices are data (checked, then logged)."""
    policy.require(actor, "change" if scheme else "add", scheme or Scheme)
    creating = scheme is None
    scheme = scheme or Scheme()
    before = {} if creating else {**audit.snapshot(scheme, SCHEME_FIELDS),
                                  "branches": sorted(str(b) for b in scheme.branches.all())}  # fmt: skip
    _assign(scheme, data, SCHEME_FIELDS)
    _check_scheme(scheme)
    scheme.save()
    if branches is not None:
        scheme.branches.set(branches)
    after = {
        **audit.snapshot(scheme, SCHEME_FIELDS),
        "branches": sorted(str(b) for b in scheme.branches.all()),
    }
    audit.record(actor=actor, action=Event.SCHEME_CREATED if creating else Event.SCHEME_UPDATED, obj=scheme,
                 changes=audit.diff(before, after))  # fmt: skip
    return scheme
