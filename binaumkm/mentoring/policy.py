"""Who may see and do what in mentoring (see ``core.policy``).

Agency roles hold the model permissions and reach every mentor, engagement and session. A mentor holds
``mentoring.work_own_engagements``: they reach only the engagements assigned to them (another
mentor's is a 404), with their sessions (private notes included), goals and tasks. An owner holds
``mentoring.follow_own_mentoring``: the action "own" reaches their own businesses' engagements,
sessions, goals and tasks; owner pages never show private notes (their selectors do not even load
them). Staff confirm nothing on an owner's behalf: confirming a session is the owner's alone.
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import Assignee, BalanceRun, Engagement, Goal, GoalTemplate, Mentor, Programme, Session, Task

MENTOR_OWN = "mentoring.work_own_engagements"
OWNER_OWN = "mentoring.follow_own_mentoring"
BALANCE = "mentoring.balance_caseload"
SUPERVISE = "mentoring.supervise_mentoring"


def _mentor(path: str) -> Grant:
    return Grant(MENTOR_OWN, where=lambda user: Q(**{path: user}))


def _owner(path: str) -> Grant:
    return Grant(OWNER_OWN, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(
        Mentor,
        view=[Grant("mentoring.view_mentor"), _mentor("user")],
        add=Grant("mentoring.add_mentor"),
        change=Grant("mentoring.change_mentor"),
    ),
    ModelPolicy(
        Programme,
        view=Grant("mentoring.view_programme"),
        add=Grant("mentoring.add_programme"),
        change=Grant("mentoring.change_programme"),
    ),
    ModelPolicy(GoalTemplate, change=Grant("mentoring.change_programme")),
    ModelPolicy(BalanceRun, view=Grant(BALANCE), add=Grant(BALANCE), confirm=Grant(BALANCE)),
    ModelPolicy(
        Engagement,
        view=[Grant("mentoring.view_engagement"), _mentor("mentor__user")],
        own=_owner("business__owner__user"),
        add=Grant("mentoring.add_engagement"),
        # Intake, activate, hold, complete, drop; plan the next visit.
        change=[Grant("mentoring.change_engagement"), _mentor("mentor__user")],
        supervise=Grant(SUPERVISE),
    ),
    ModelPolicy(
        Session,
        view=[Grant("mentoring.view_session"), _mentor("engagement__mentor__user")],
        own=_owner("engagement__business__owner__user"),
        add=[Grant("mentoring.add_session"), _mentor("engagement__mentor__user")],
        confirm=_owner("engagement__business__owner__user"),
    ),
    ModelPolicy(
        Goal,
        view=[Grant("mentoring.view_goal"), _mentor("engagement__mentor__user")],
        own=_owner("engagement__business__owner__user"),
        change=[Grant("mentoring.change_goal"), _mentor("engagement__mentor__user")],
    ),
    ModelPolicy(
        Task,
        view=[Grant("mentoring.view_task"), _mentor("engagement__mentor__user")],
        own=_owner("engagement__business__owner__user"),
        change=[Grant("mentoring.change_task"), _mentor("engagement__mentor__user")],
        # The mentor and staff tick any task of the engagement; the owner ticks the owner's tasks.
        done=[
            Grant("mentoring.change_task"),
            _mentor("engagement__mentor__user"),
            Grant(
                OWNER_OWN,
                where=lambda user: Q(engagement__business__owner__user=user, assignee=Assignee.OWNER),
            ),
        ],
    ),
]
