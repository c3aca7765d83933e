"""Background tasks: thin wrappers that load ids and call the import services or send a notice."""

from django_tasks import task

from . import notifications
from .services import imports as import_jobs


@task()
def import_validate_task(job_id: int) -> None:
    import_jobs.import_job_validate(job_id)


@task()
def import_write_task(job_id: int) -> None:
    import_jobs.import_job_write(job_id)


@task()
def signup_duplicate_notify_task(owner_id: int | None, user_ids: list[int]) -> None:
    notifications.signup_duplicate(owner_id, user_ids)


@task()
def presence_links_check_task() -> dict:
    """Check shop links (does nothing unless ``PRESENCE_LINK_CHECK`` is on)."""
    from .services.presence_jobs import presence_links_check

    return presence_links_check()


@task()
def presence_dormancy_task() -> int:
    from .services.presence_jobs import presence_dormancy_mark

    return presence_dormancy_mark()
