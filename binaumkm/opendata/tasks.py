"""Background work of the open-data app: thin, loads the id and calls the service."""

from django_tasks import task

from . import services
from .models import Release


@task()
def release_write_task(release_id: int) -> None:
    release = Release.objects.filter(pk=release_id).first()
    if release is None:
        return
    try:
        services.release_files_write(release=release)
    except Exception:
        services.release_failed(release_id=release_id)
        raise
