"""The house's own background tasks: every e-mail leaves through the worker, never inside a request,
so a slow or refusing mail relay cannot slow down or break an action that already committed."""

import datetime
import logging
import smtplib

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from . import conf

logger = logging.getLogger(__name__)


@task()
def email_deliver_task(to: str, subject: str, body: str, attempt: int = 1) -> bool:
    """Hand one e-mail to the relay; when the relay fails, try again later (doubling the wait)
    until ``BINAUMKM["MAIL"]["ATTEMPTS"]``, then fail for the operators to see in the task list."""
    try:
        send_mail(subject, body, None, [to], fail_silently=False)
    except (OSError, smtplib.SMTPException) as error:
        if attempt >= conf.MAIL("ATTEMPTS"):
            raise
        logger.warning("mail relay failed (attempt %s): %s", attempt, error)
        retry = email_deliver_task
        if retry.get_backend().supports_defer:
            wait = datetime.timedelta(minutes=conf.MAIL("RETRY_MINUTES") * 2 ** (attempt - 1))
            retry = retry.using(run_after=timezone.now() + wait)
        retry.enqueue(to, subject, body, attempt + 1)
        return False
    return True
