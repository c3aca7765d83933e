"""Action plans: goals with target dates (some checked automatically), tasks for the mentor or the
owner, and the next planned visit."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html

from ..events import Event
from ..models import Assignee, Engagement, Fact, Goal, GoalStatus, Task

MAX_TITLE = 200


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Isi judulnya.")})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": _("Paling banyak %(n)d karakter.") % {"n": MAX_TITLE}})
    validate_no_html(title)
    return title


def _ensure_open(engagement: Engagement) -> None:
    if not engagement.is_open:
        raise ValidationError(_("Pendampingan ini sudah berakhir."))


@transaction.atomic
def goal_add(
    *, actor: User, engagement: Engagement, title: str, target_date: datetime.date, fact: str = ""
) -> Goal:
    policy.require(actor, "change", engagement)
    _ensure_open(engagement)
    if fact and fact not in Fact.values:
        raise ValidationError({"fact": _("Pilihan tidak dikenal.")})
    if not isinstance(target_date, datetime.date):
        raise ValidationError({"target_date": _("Isi tanggal target.")})
    goal = Goal.objects.create(engagement=engagement, title=_title(title), target_date=target_date, fact=fact)
    audit.record(actor=actor, action=Event.GOAL_ADDED, obj=engagement,
                 data={"goal": goal.title, "target": target_date.isoformat(), "fact": fact})  # fmt: skip
    return goal


@transaction.atomic
def goal_mark_met(*, actor: User, goal: Goal) -> Goal:
    """The mentor or staff tick a goal by hand (one no module can prove)."""
    policy.require(actor, "change", goal)
    goal = Goal.objects.select_for_update().select_related("engagement").get(pk=goal.pk)
    _ensure_open(goal.engagement)
    if goal.status != GoalStatus.OPEN:
        raise ValidationError(
            _("Sasaran ini sudah %(status)s.") % {"status": goal.get_status_display().lower()}
        )
    goal.status, goal.met_on, goal.met_automatically = GoalStatus.MET, timezone.localdate(), False
    goal.save(update_fields=["status", "met_on", "met_automatically"])
    audit.record(actor=actor, action=Event.GOAL_MET, obj=goal.engagement, data={"goal": goal.title})
    return goal


@transaction.atomic
def task_add(
    *, actor: User, engagement: Engagement, title: str, assignee: str, due_on: datetime.date
) -> Task:
    policy.require(actor, "change", engagement)
    _ensure_open(engagement)
    if assignee not in Assignee.values:
        raise ValidationError({"assignee": _("Pilih siapa yang mengerjakan.")})
    if not isinstance(due_on, datetime.date):
        raise ValidationError({"due_on": _("Isi batas waktu.")})
    task = Task.objects.create(engagement=engagement, title=_title(title), assignee=assignee, due_on=due_on)
    audit.record(actor=actor, action=Event.TASK_ADDED, obj=engagement,
                 data={"task": task.title, "assignee": assignee, "due": due_on.isoformat()})  # fmt: skip
    return task


@transaction.atomic
def task_done(*, actor: User, task: Task) -> Task:
    """The mentor or staff tick any task of the engagement; the owner ticks the owner's tasks."""
    policy.require(actor, "done", task)
    task = Task.objects.select_for_update().select_related("engagement").get(pk=task.pk)
    if task.done_at is not None:
        raise ValidationError(_("Tugas ini sudah selesai."))
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by"])
    audit.record(actor=actor, action=Event.TASK_DONE, obj=task.engagement, data={"task": task.title})
    return task


@transaction.atomic
def engagement_plan_visit(*, actor: User, engagement: Engagement, on: datetime.date | None) -> Engagement:
    """Set (or clear) the next planned visit, shown on the mentor's portal."""
    policy.require(actor, "change", engagement)
    _ensure_open(engagement)
    if on is not None and on < timezone.localdate():
        raise ValidationError({"next_visit_on": _("Tanggal kunjungan sudah lewat.")})
    before = engagement.next_visit_on
    engagement.next_visit_on = on
    engagement.save(update_fields=["next_visit_on", "updated_at"])
    audit.record(actor=actor, action=Event.VISIT_PLANNED, obj=engagement,
                 changes=audit.diff({"next_visit_on": before and before.isoformat()},
                                    {"next_visit_on": on and on.isoformat()}))  # fmt: skip
    return engagement
