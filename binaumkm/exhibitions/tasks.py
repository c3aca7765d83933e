"""Background tasks: thin wrappers that load ids and call the services."""

from django_tasks import task

from . import services


@task()
def offer_expire_task(assignment_id: int) -> bool:
    """Scheduled at an offer's deadline (``.using(run_after=...)``); harmless if already answered."""
    return services.offer_expire(assignment_id)


@task()
def allocation_notify_task(exhibition_id: int) -> int:
    return services.allocation_notify(exhibition_id)
