import pytest


@pytest.fixture(autouse=True)
def _on_commit_now(request, monkeypatch):
    """Tests inside a rolled-back transaction never reach a commit: run ``on_commit`` work (e-mails,
    task enqueues) at once, as a real commit would. Transactional tests keep the real behaviour."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
