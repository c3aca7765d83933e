"""No network call inside a request: e-mail leaves through the worker, which retries a failing
relay (issue 14, point 6)."""

import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from binaumkm.accounts.roles import Role
from binaumkm.core import notify
from binaumkm.core.testing import make_user

WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _refused_port() -> int:
    """A loopback port nothing listens on: the relay that refuses every connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_relay_down_the_action_succeeds_and_the_worker_retries(client):
    make_user(Role.OWNER, username="+6281277778888", phone="+6281277778888", email="wulan@example.com")
    relay_down = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                  "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": _refused_port(), "EMAIL_TIMEOUT": 2}  # fmt: skip
    with override_settings(TASKS=WORKER, **relay_down):
        response = client.post(reverse("accounts:password_reset"), {"email": "wulan@example.com"})
        assert response.status_code == 302  # committed and answered; nothing was sent yet
        assert mail.outbox == [] and DBTaskResult.objects.count() == 1

        _run_worker()  # the relay refuses: the task schedules its own retry for later
        first, retry = DBTaskResult.objects.order_by("enqueued_at")
        assert first.status == "SUCCESSFUL" and first.return_value is False
        assert retry.status == "READY" and retry.args_kwargs["args"][3] == 2
        assert retry.run_after > timezone.now()

    with override_settings(TASKS=WORKER):  # the relay is back (the test settings' locmem outbox)
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        _run_worker()
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL" and retry.return_value is True
    assert [message.to for message in mail.outbox] == [["wulan@example.com"]]
    assert "/akun/sandi/atur/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_an_action_that_rolls_back_sends_nothing():
    with override_settings(TASKS=WORKER):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify.send_email(to="wulan@example.com", subject="Uji", body="Isi.", addressee="Wulan")
            raise RuntimeError
        assert DBTaskResult.objects.count() == 0
        notify.send_email(to="wulan@example.com", subject="Uji", body="Isi.", addressee="Wulan")
        assert DBTaskResult.objects.count() == 1
