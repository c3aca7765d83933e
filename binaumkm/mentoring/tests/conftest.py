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


@pytest.fixture
def mentor(areas):
    from .factories import MentorFactory, kelurahan

    return MentorFactory(home_kelurahan=kelurahan("Pajang"), capacity=2)


@pytest.fixture
def programme(db):
    from binaumkm.mentoring.models import GoalTemplate

    from .factories import ProgrammeFactory

    programme = ProgrammeFactory(name="Naik Kelas")
    GoalTemplate.objects.create(programme=programme, title="NIB terbit", day_offset=30, fact="nib")
    GoalTemplate.objects.create(programme=programme, title="Pembukuan rapi", day_offset=60)
    return programme


@pytest.fixture
def owned_business(areas, owner_user):
    """A verified UMKM without a NIB, owned by ``owner_user``."""
    from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

    from .factories import kelurahan

    owner = OwnerFactory(user=owner_user, email="sri@example.com")
    return BusinessFactory(owner=owner, name="Batik Sri", kelurahan=kelurahan("Laweyan"), nib=None)
