"""Writes of mentoring. Every function is atomic, checks who may act (``mentoring.policy``) and
records an audit entry. Split by subject; import them from here."""

from .balance import balance_propose, balance_run_confirm, balance_run_create
from .engagements import (
    engagement_activate,
    engagement_assign,
    engagement_complete,
    engagement_drop,
    engagement_hold,
    engagement_intake,
    ensure_capacity,
    goals_check,
)
from .mentors import (
    goal_template_add,
    goal_template_remove,
    mentor_create,
    mentor_update,
    programme_create,
    programme_update,
)
from .plans import engagement_plan_visit, goal_add, goal_mark_met, task_add, task_done
from .sessions import session_confirm, session_confirm_by_link, session_record

__all__ = [
    "balance_propose", "balance_run_confirm", "balance_run_create", "engagement_activate", "engagement_assign",
    "engagement_complete", "engagement_drop", "engagement_hold", "engagement_intake", "engagement_plan_visit",
    "ensure_capacity", "goal_add", "goal_mark_met", "goal_template_add", "goal_template_remove", "goals_check",
    "mentor_create", "mentor_update", "programme_create", "programme_update", "session_confirm",
    "session_confirm_by_link", "session_record", "task_add", "task_done",
]  # fmt: skip
