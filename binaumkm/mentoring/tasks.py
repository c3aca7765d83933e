"""Background tasks: thin wrappers that load ids and call the services."""

from django_tasks import task

from . import notifications, services


@task()
def assigned_notify_task(engagement_ids: list[int]) -> int:
    return notifications.assigned_notify(engagement_ids)


@task()
def session_notify_task(session_id: int) -> int:
    return notifications.session_notify(session_id)


@task()
def goals_check_task() -> int:
    """Daily (``manage.py check_mentoring_goals`` from cron): record goals other modules now prove."""
    return services.goals_check()
