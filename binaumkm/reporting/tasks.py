"""Background work of reporting: thin, it loads the run and calls the service."""

from django_tasks import task


@task()
def snapshots_refresh_task(run_id: int) -> int:
    from .models import SnapshotRun
    from .services import snapshots_refresh

    run = SnapshotRun.objects.select_related("requested_by").get(pk=run_id)
    return snapshots_refresh(actor=run.requested_by, run=run).months_done
