"""Background tasks: thin wrappers that load ids and call the notification functions."""

from django_tasks import task

from . import notifications


@task()
def notify_sent(referral_id: int) -> int:
    return notifications.sent_notify(referral_id)


@task()
def notify_decision(referral_id: int) -> int:
    return notifications.decision_notify(referral_id)
