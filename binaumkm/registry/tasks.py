"""Background tasks: thin wrappers that load ids and call the import services."""

from django_tasks import task

from .services import imports as import_jobs


@task()
def import_validate_task(job_id: int) -> None:
    import_jobs.import_job_validate(job_id)


@task()
def import_write_task(job_id: int) -> None:
    import_jobs.import_job_write(job_id)
