"""Reads of mentoring, always starting from what the actor may see (``mentoring.policy``)."""

from .balance import balance_candidates, balance_cases, balance_mentors
from .common import (
    business_facts,
    goals_with_evidence,
    kecamatan_all,
    kelurahan_neighbours,
    mentor_loads,
    with_load,
)
from .hooks import business_mentoring_facts, business_timeline, businesses_mentored, todo_items
from .owner import (
    my_engagement_detail,
    my_engagement_get,
    my_engagements,
    my_session_get,
    my_sessions_to_confirm,
    my_task_get,
    owner_sessions,
    session_from_link,
)
from .staff import (
    balance_run_get,
    balance_runs,
    engagement_detail,
    engagement_get,
    engagement_list,
    engagement_previous,
    engagement_visible,
    goal_get,
    goal_template_get,
    mentor_choices,
    mentor_get,
    mentor_list,
    mentor_own,
    portal,
    programme_get,
    programme_list,
    programmes_active,
    session_recent,
    task_get,
)
from .supervision import (
    confirmed_minutes,
    engagements_without_contact,
    honorarium,
    mentor_loads_table,
    outcome_summary,
)

__all__ = [
    "balance_candidates", "balance_cases", "balance_mentors", "balance_run_get", "balance_runs",
    "business_facts", "business_mentoring_facts", "business_timeline", "businesses_mentored",
    "confirmed_minutes", "engagement_detail", "engagement_get", "engagement_list", "engagement_previous", "engagement_visible", "goal_get",
    "engagements_without_contact", "goal_template_get", "goals_with_evidence", "honorarium", "kecamatan_all",
    "kelurahan_neighbours", "mentor_choices", "mentor_get", "mentor_list", "mentor_loads", "mentor_loads_table", "mentor_own",
    "my_engagement_detail", "my_engagement_get", "my_engagements", "my_session_get", "my_sessions_to_confirm",
    "my_task_get", "outcome_summary", "owner_sessions", "portal", "programme_get", "programme_list",
    "programmes_active", "session_from_link", "session_recent", "task_get", "todo_items", "with_load",
]  # fmt: skip
