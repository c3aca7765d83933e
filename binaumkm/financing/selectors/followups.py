"""Reads of follow-ups after disbursement: staff see all, a mentor those assigned to them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.core.policy import Actor

from ..models import FollowUp


def followup_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[FollowUp]:
    filters = filters or {}
    qs = policy.scope(actor, "view", FollowUp).select_related(
        "referral__business__owner", "referral__scheme", "referral__branch__provider", "assigned_to"
    )
    when = filters.get("when") or "jatuh_tempo"
    today = timezone.localdate()
    if when == "jatuh_tempo":
        qs = qs.filter(done_at__isnull=True, due_on__lte=today)
    elif when == "akan_datang":
        qs = qs.filter(done_at__isnull=True, due_on__gt=today)
    elif when == "selesai":
        qs = qs.filter(done_at__isnull=False)
    return qs.order_by("due_on", "id")


def followup_get(*, actor: Actor, pk: int, action: str = "view") -> FollowUp:
    return policy.get_object_or_404(
        actor, action, FollowUp.objects.select_related("referral__business", "referral__scheme"), pk=pk
    )


def followup_assignees() -> QuerySet[User]:
    """Who may be given a follow-up: mentors and staff (holders of the follow-up permissions)."""
    return (
        User.objects.filter(is_active=True, groups__permissions__codename__in=["record_followup", "change_followup"],
                            groups__permissions__content_type__app_label="financing")
        .distinct().order_by("full_name", "username")
    )  # fmt: skip
