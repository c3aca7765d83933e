"""The owner's reads: their businesses' engagements, sessions (never the private notes: they are not
even loaded), goals and tasks; and the session a one-time confirmation link names."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from .. import conf
from ..confirmation import LinkError, read_token
from ..models import Engagement, Goal, Session, Task
from .common import goals_with_evidence

# What an owner's page may read of a session: everything but the mentor's private notes.
OWNER_SESSION_FIELDS = (
    "id", "engagement", "mentor", "held_on", "mode", "minutes", "topics", "summary", "next_steps",
    "photo", "confirmed_at", "confirmed_via", "created_at",
)  # fmt: skip


def owner_sessions(qs: QuerySet[Session]) -> QuerySet[Session]:
    return qs.only(*OWNER_SESSION_FIELDS)


def my_engagements(*, actor: Actor) -> QuerySet[Engagement]:
    return (
        policy.scope(actor, "own", Engagement)
        .select_related("business", "mentor__user", "programme")
        .order_by("-created_at", "-id")
    )


def my_engagement_get(*, actor: Actor, pk: int) -> Engagement:
    return policy.get_object_or_404(
        actor, "own", Engagement.objects.select_related("business", "mentor__user", "programme"), pk=pk
    )


def my_engagement_detail(*, actor: Actor, engagement: Engagement) -> dict[str, Any]:
    sessions = list(
        owner_sessions(policy.scope(actor, "own", Session).filter(engagement=engagement)).order_by(
            "-held_on", "-id"
        )
    )
    goals = goals_with_evidence(
        list(policy.scope(actor, "own", Goal).filter(engagement=engagement)), {engagement.pk: engagement}
    )
    tasks = list(policy.scope(actor, "own", Task).filter(engagement=engagement))
    return {"sessions": sessions, "goals": goals, "tasks": tasks, "today": timezone.localdate()}


def my_session_get(*, actor: Actor, pk: int, action: str = "own") -> Session:
    return policy.get_object_or_404(actor, action, owner_sessions(Session.objects.all()), pk=pk)


def my_sessions_to_confirm(*, actor: Actor) -> QuerySet[Session]:
    return (
        owner_sessions(policy.scope(actor, "confirm", Session).filter(confirmed_at__isnull=True))
        .select_related("engagement__business", "mentor__user")
        .order_by("held_on", "id")
    )


def my_task_get(*, actor: Actor, pk: int) -> Task:
    return policy.get_object_or_404(actor, "done", Task.objects.select_related("engagement"), pk=pk)


def session_from_link(token: str) -> Session:
    """The session a one-time link names, if the link is genuine, not expired and not used."""
    try:
        session_id, nonce = read_token(token, max_age_days=conf.CONFIRM_LINK_DAYS)
    except LinkError as exc:
        if str(exc) == "expired":
            raise ValidationError(
                _("Tautan konfirmasi sudah kedaluwarsa. Konfirmasi dari beranda Anda.")
            ) from exc
        raise ValidationError(_("Tautan konfirmasi tidak sah.")) from exc
    session = (
        Session.objects.filter(pk=session_id)
        .select_related("engagement__business", "mentor__user")
        .only(*OWNER_SESSION_FIELDS, "confirm_nonce")
        .first()
    )
    if session is None or not session.confirm_nonce or session.confirm_nonce != nonce:
        raise ValidationError(_("Tautan konfirmasi ini sudah dipakai atau tidak berlaku lagi."))
    return session
