"""Background tasks: thin wrappers that load ids and call the services."""

from django_tasks import task

from . import services


@task()
def listing_thumbnail_task(listing_id: int) -> bool:
    return services.listing_thumbnail_make(listing_id)
