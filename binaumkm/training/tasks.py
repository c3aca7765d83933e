"""Background tasks: thin wrappers that load ids and call the services."""

from django_tasks import task

from . import services


@task()
def offer_expire_task(registration_id: int) -> bool:
    """Scheduled at an offer's deadline (``.using(run_after=...)``); harmless if already answered."""
    return services.offer_expire(registration_id)


@task()
def allocation_notify_task(batch_id: int) -> int:
    return services.allocation_notify(batch_id)


@task()
def certificates_notify_task(registration_ids: list[int]) -> int:
    return services.certificates_notify(registration_ids)
