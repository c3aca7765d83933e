"""The audit log: every change and state transition records actor, action, old -> new values.

Services call ``record`` inside their transaction, so an entry exists exactly when the change does.
Actions are named constants: each app lists its codes with a readable Indonesian label in
``<app>/events.py`` as ``class Event(models.TextChoices)``; ``record`` refuses a code no app declares,
and history pages show the label ("NIK dibuka") with the actor's display name, never a raw code.
"""

from collections.abc import Iterable
from functools import cache
from importlib import import_module

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from . import freshness
from .masking import mask_email, mask_nik, mask_phone
from .models import AuditEntry

# Field names whose values are personal data: stored masked in the log.
SENSITIVE_FIELDS = {
    "nik": mask_nik,
    "phone": mask_phone,
    "whatsapp": mask_phone,
    "email": mask_email,
    "password": lambda v: "••••",
}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | bool | str) or value is None:
        return value
    if hasattr(value, "name"):  # files
        return value.name or ""
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """Values of ``fields`` on ``obj`` as JSON-friendly data (foreign keys by their str())."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            related_id = getattr(obj, field.attname)  # type: ignore[union-attr]
            values[name] = str(getattr(obj, name)) if related_id is not None else None
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict, after: dict, *, mask: dict | None = None) -> dict:
    """{field: [old, new]} for the fields whose value changed; personal data masked."""
    masks = {**SENSITIVE_FIELDS, **(mask or {})}
    changes = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            masker = masks.get(name)
            changes[name] = [masker(old), masker(new)] if masker else [old, new]
    return changes


@cache
def event_labels() -> dict[str, object]:
    """Every declared event code with its label, from each app's ``events.Event``."""
    labels: dict[str, object] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("binaumkm."):
            continue
        try:
            module = import_module(f"{config.name}.events")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.events":
                raise
            continue
        labels.update({member.value: member.label for member in module.Event})
    return labels


def event_label(code: str) -> str:
    label = event_labels().get(code)
    return str(label) if label is not None else code


def actor_label(actor) -> str:
    """The display name recorded with an entry: never a phone number or e-mail address."""
    if actor is None:
        return _("sistem")
    return actor.display_name if getattr(actor, "is_authenticated", False) else _("anonim")


def _check(action: str) -> str:
    if action not in event_labels():
        raise ValueError(f"Undeclared audit event {action!r}: add it to its app's events.Event")
    return str(action)


def record(*, actor, action: str, obj: models.Model | None = None, changes=None, data=None) -> AuditEntry:
    entry = AuditEntry.objects.create(**_entry_kwargs(actor, _check(action), obj, changes, data))
    freshness.changed()  # results kept for the old data are not this request's to reuse
    return entry


def record_many(*, actor, action: str, objs: Iterable[models.Model], data=None) -> None:
    """One entry per object in a single INSERT (bulk imports)."""
    action = _check(action)
    AuditEntry.objects.bulk_create(
        [AuditEntry(**_entry_kwargs(actor, action, obj, None, data)) for obj in objs], batch_size=1000
    )
    freshness.changed()


def _entry_kwargs(actor, action, obj, changes, data) -> dict:
    kwargs = {
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "actor_label": actor_label(actor)[:150],
        "action": action,
        "changes": changes or {},
        "data": data or {},
    }
    if obj is not None:
        kwargs.update(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
        )
    return kwargs


def history(obj: models.Model):
    """Entries for one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")


def history_for_objects(objs: Iterable[models.Model]):
    """Entries for several objects (e.g. a business and its owner and products), newest first."""
    query = models.Q(pk__in=[])
    for obj in objs:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        query |= models.Q(content_type=ct, object_id=str(obj.pk))
    return AuditEntry.objects.filter(query).select_related("actor")
