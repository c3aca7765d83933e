"""Background tasks: thin wrappers that load ids and call the notification functions."""

from django_tasks import task

from . import notifications


@task()
def notify_letter(letter_id: int) -> int:
    return notifications.letter_notify(letter_id)


@task()
def notify_offers(partnership_ids: list[int]) -> int:
    return notifications.offers_notify(partnership_ids)
