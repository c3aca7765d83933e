"""Background tasks: thin wrappers around the services."""

from django_tasks import task

from . import services


@task()
def flag_expiring_task(days: int | None = None) -> int:
    """The daily expiry check (``manage.py flag_expiring_consignment`` runs the same service)."""
    return len(services.expiry_flag(actor=None, days=days))
