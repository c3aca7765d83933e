"""Mentors, programmes and their plan templates (staff)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.accounts.services import account_create
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html

from ..events import Event
from ..models import Fact, GoalTemplate, Mentor, Programme, Topic

MENTOR_FIELDS = ("expertise", "sectors", "home_kelurahan", "capacity", "is_active", "away_until")


def _clean_mentor(data: dict[str, Any]) -> dict[str, Any]:
    expertise = [t for t in data.get("expertise") or [] if t in Topic.values]
    if not expertise:
        raise ValidationError({"expertise": _("Pilih setidaknya satu keahlian.")})
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or not 1 <= capacity <= 200:
        raise ValidationError({"capacity": _("Kapasitas 1 sampai 200 pendampingan aktif.")})
    if not data.get("kecamatan"):
        raise ValidationError({"kecamatan": _("Pilih setidaknya satu kecamatan yang dilayani.")})
    return {**data, "expertise": sorted(expertise), "sectors": sorted(set(data.get("sectors") or []))}


def _snapshot(mentor: Mentor) -> dict[str, Any]:
    values = audit.snapshot(mentor, MENTOR_FIELDS)
    values["kecamatan"] = sorted(str(k) for k in mentor.kecamatan.all())
    return values


@transaction.atomic
def mentor_create(*, actor: User, data: dict[str, Any]) -> Mentor:
    """Register a mentor: the account (found by phone or e-mail, or created without a password; staff
    send the set-password link) gets the mentor role and a mentor record."""
    policy.require(actor, "add", Mentor)
    data = _clean_mentor(data)
    user, _created = account_create(
        actor=actor, role=Role.MENTOR, full_name=data["full_name"], phone=data.get("phone"),
        email=data.get("email", ""),
    )  # fmt: skip
    if Mentor.objects.filter(user=user).exists():
        raise ValidationError({"phone": _("Akun ini sudah terdaftar sebagai pendamping.")})
    mentor = Mentor.objects.create(user=user, **{f: data.get(f) for f in MENTOR_FIELDS if f in data})
    mentor.kecamatan.set(data["kecamatan"])
    audit.record(
        actor=actor, action=Event.MENTOR_CREATED, obj=mentor, changes=audit.diff({}, _snapshot(mentor))
    )
    return mentor


@transaction.atomic
def mentor_update(*, actor: User, mentor: Mentor, data: dict[str, Any]) -> Mentor:
    """Expertise, area, capacity and availability (active flag, away until a date)."""
    policy.require(actor, "change", mentor)
    data = _clean_mentor(data)
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    before = _snapshot(mentor)
    for field in MENTOR_FIELDS:
        if field in data:
            setattr(mentor, field, data[field])
    mentor.save()
    mentor.kecamatan.set(data["kecamatan"])
    audit.record(
        actor=actor, action=Event.MENTOR_UPDATED, obj=mentor, changes=audit.diff(before, _snapshot(mentor))
    )
    return mentor


def _clean_programme(data: dict[str, Any], instance: Programme | None = None) -> dict[str, Any]:
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Isi nama program.")})
    validate_no_html(name)
    clash = Programme.objects.filter(name__iexact=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError({"name": _("Sudah ada program dengan nama ini.")})
    return {
        "name": name,
        "description": (data.get("description") or "").strip(),
        "is_active": bool(data.get("is_active", True)),
    }


@transaction.atomic
def programme_create(*, actor: User, data: dict[str, Any]) -> Programme:
    policy.require(actor, "add", Programme)
    programme = Programme.objects.create(**_clean_programme(data))
    audit.record(actor=actor, action=Event.PROGRAMME_CREATED, obj=programme,
                 changes=audit.diff({}, audit.snapshot(programme, ("name", "is_active"))))  # fmt: skip
    return programme


@transaction.atomic
def programme_update(*, actor: User, programme: Programme, data: dict[str, Any]) -> Programme:
    policy.require(actor, "change", programme)
    cleaned = _clean_programme(data, programme)
    before = audit.snapshot(programme, ("name", "description", "is_active"))
    for field, value in cleaned.items():
        setattr(programme, field, value)
    programme.save()
    audit.record(actor=actor, action=Event.PROGRAMME_UPDATED, obj=programme,
                 changes=audit.diff(before, audit.snapshot(programme, ("name", "description", "is_active"))))  # fmt: skip
    return programme


@transaction.atomic
def goal_template_add(
    *, actor: User, programme: Programme, title: str, day_offset: int, fact: str = ""
) -> GoalTemplate:
    policy.require(actor, "change", programme)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Isi sasarannya.")})
    validate_no_html(title)
    if not 1 <= int(day_offset) <= 730:
        raise ValidationError({"day_offset": _("Hari ke- antara 1 dan 730.")})
    if fact and fact not in Fact.values:
        raise ValidationError({"fact": _("Pilihan tidak dikenal.")})
    template = GoalTemplate.objects.create(programme=programme, title=title, day_offset=day_offset, fact=fact)
    audit.record(actor=actor, action=Event.GOAL_TEMPLATE_ADDED, obj=programme,
                 data={"title": title, "day_offset": day_offset, "fact": fact})  # fmt: skip
    return template


@transaction.atomic
def goal_template_remove(*, actor: User, template: GoalTemplate) -> None:
    """Engagements already started keep their goals; new ones no longer get this one."""
    policy.require(actor, "change", template)
    programme = template.programme
    audit.record(actor=actor, action=Event.GOAL_TEMPLATE_REMOVED, obj=programme,
                 data={"title": template.title, "day_offset": template.day_offset})  # fmt: skip
    template.delete()
