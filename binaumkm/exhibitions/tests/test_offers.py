"""Booth offers: accept, decline, expiry (task, command, lazy check), no-show, withdrawal, a further
booth at another venue — and every freed booth goes to the next on the waiting list."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import (
    Application,
    Assignment,
    AssignmentState,
    Booth,
    Pool,
    Release,
    State,
    Status,
)
from binaumkm.exhibitions.tests.factories import (
    apply,
    curator_for,
    exhibition_with_booths,
    owner_with_business,
    to_allocation,
)

pytestmark = pytest.mark.django_db
S = Status


@pytest.fixture
def published(areas, staff_user):
    """2 booths at each of 2 venues (4 booths), 6 applicants: 4 offered, 2 on the waiting list."""
    exhibition = exhibition_with_booths(2, venues=2)
    curator = curator_for(exhibition)
    people = [owner_with_business() for _ in range(6)]
    for user, business in people:
        apply(user, business, exhibition)
    to_allocation(staff_user, exhibition, curator)
    services.allocation_publish(actor=staff_user, exhibition=exhibition, seed=11)
    exhibition.refresh_from_db()
    return exhibition, {b.pk: u for u, b in people}


def _user_of(application, owners):
    return owners[application.business_id]


def _offer(application):
    return application.assignments.get(state=AssignmentState.HELD)


def _waiting(exhibition):
    return list(exhibition.applications.filter(status=S.WAITLISTED).order_by("rank"))


def test_decline_passes_the_booth_to_the_next_on_the_waiting_list(published):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).order_by("rank").first()
    first_waiting = _waiting(exhibition)[0]
    booth = _offer(offered).booth
    mail.outbox.clear()
    services.offer_decline(actor=_user_of(offered, owners), assignment=_offer(offered))
    offered.refresh_from_db(), first_waiting.refresh_from_db()
    assert offered.status == S.DECLINED
    assert first_waiting.status == S.OFFERED and first_waiting.pool == Pool.WAITLIST
    assert _offer(first_waiting).booth == booth
    assert any("Booth untuk Anda" in m.subject for m in mail.outbox)
    assert AuditEntry.objects.filter(action=Event.OFFER_DECLINED).exists()
    # The next on the list is now first.
    assert _waiting(exhibition)[0].rank > first_waiting.rank


def test_accept_assigns_the_booth(published):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    services.offer_accept(actor=_user_of(offered, owners), assignment=_offer(offered))
    offered.refresh_from_db()
    assert offered.status == S.ACCEPTED
    assert offered.assignments.get().state == AssignmentState.ASSIGNED
    assert AuditEntry.objects.filter(action=Event.OFFER_ACCEPTED).exists()
    with pytest.raises(ValidationError, match="Tidak ada tawaran booth"):
        services.offer_accept(actor=_user_of(offered, owners), assignment=offered.assignments.get())


def test_an_expired_offer_is_refused_and_its_booth_passed_on(published):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    assignment = _offer(offered)
    Assignment.objects.filter(pk=assignment.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assignment.refresh_from_db()
    with pytest.raises(ValidationError, match="sudah kedaluwarsa"):
        services.offer_accept(actor=_user_of(offered, owners), assignment=assignment)
    offered.refresh_from_db()
    assert offered.status == S.EXPIRED
    assert Assignment.objects.get(pk=assignment.pk).release_reason == Release.EXPIRED
    assert (
        Assignment.objects.filter(booth=assignment.booth, state=AssignmentState.HELD)
        .exclude(pk=assignment.pk)
        .exists()
    )
    assert AuditEntry.objects.filter(action=Event.OFFER_EXPIRED).exists()


def test_expiry_by_the_command_is_safe_to_repeat(published):
    exhibition, _owners = published
    past = timezone.now() - datetime.timedelta(hours=1)
    Assignment.objects.filter(state=AssignmentState.HELD).update(expires_at=past)
    call_command("expire_exhibition_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert exhibition.applications.filter(status=S.EXPIRED).count() == 4
    # The two waiting got the first two freed booths, with fresh deadlines.
    assert exhibition.applications.filter(status=S.OFFERED).count() == 2
    assert services.offers_expire() == 0


def test_the_owner_page_expires_an_overdue_offer_on_sight(published, client):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    Assignment.objects.filter(application=offered).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    client.force_login(_user_of(offered, owners))
    response = client.get(f"/pameran/lamaran/{offered.pk}/")
    assert "Tawaran kedaluwarsa" in response.content.decode()


def test_no_show_releases_the_booth_to_the_waiting_list(published, staff_user):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    services.offer_accept(actor=_user_of(offered, owners), assignment=_offer(offered))
    assignment = offered.assignments.get()
    first_waiting = _waiting(exhibition)[0]
    services.no_show(actor=staff_user, assignment=assignment)
    offered.refresh_from_db(), first_waiting.refresh_from_db()
    assert offered.status == S.NO_SHOW
    assert _offer(first_waiting).booth_id == assignment.booth_id
    assert AuditEntry.objects.filter(action=Event.NO_SHOW).exists()


def test_running_offers_are_short(published, staff_user):
    exhibition, owners = published
    exhibition.venues.update(start_date=timezone.localdate(), end_date=timezone.localdate())
    services.exhibition_start(actor=staff_user, exhibition=exhibition)
    exhibition.refresh_from_db()
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    services.offer_decline(actor=_user_of(offered, owners), assignment=_offer(offered))
    fresh = Assignment.objects.filter(state=AssignmentState.HELD).order_by("-offered_at").first()
    assert fresh.expires_at - fresh.offered_at == datetime.timedelta(hours=4)


def test_withdrawal_releases_the_booth(published):
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    booth = _offer(offered).booth
    services.application_withdraw(actor=_user_of(offered, owners), application=offered, reason="sakit")
    offered.refresh_from_db()
    assert offered.status == S.WITHDRAWN
    assert (
        Assignment.objects.filter(booth=booth, state=AssignmentState.HELD)
        .exclude(application=offered)
        .exists()
    )
    assert AuditEntry.objects.get(action=Event.APPLICATION_WITHDRAWN).data["booths_released"] == 1


def test_a_further_booth_at_another_venue(published, staff_user):
    """One UMKM may serve several venues; never two booths at one venue, never a booth twice."""
    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    services.offer_accept(actor=_user_of(offered, owners), assignment=_offer(offered))
    mine = offered.assignments.get()
    # Free a booth at the other venue by blocking nothing: every booth is held, so free one first.
    other = Assignment.objects.filter(state=AssignmentState.HELD).exclude(venue=mine.venue).first()
    services.offer_decline(actor=_user_of(other.application, owners), assignment=other)
    Application.objects.filter(status=S.WAITLISTED).update(status=S.WITHDRAWN)  # nobody left to offer to
    for held in Assignment.objects.filter(state=AssignmentState.HELD, venue=other.venue):
        services.offer_decline(actor=_user_of(held.application, owners), assignment=held)
    free = (
        Booth.objects.filter(venue=other.venue)
        .exclude(assignments__state__in=("ditahan", "ditetapkan"))
        .first()
    )
    taken_same_venue = Booth.objects.filter(venue=mine.venue).exclude(pk=mine.booth_id).first()
    services.booth_assign_extra(actor=staff_user, application=offered, booth=free)
    assert offered.assignments.filter(state=AssignmentState.ASSIGNED).count() == 2
    assert AuditEntry.objects.filter(action=Event.BOOTH_ASSIGNED).exists()
    with pytest.raises(ValidationError):
        services.booth_assign_extra(actor=staff_user, application=offered, booth=taken_same_venue)
    # The database itself refuses a booth held twice.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            application=offered, booth=free, venue=free.venue, state=AssignmentState.ASSIGNED
        )


def test_blocking_a_held_booth_is_refused(published, staff_user):
    exhibition, _owners = published
    held = Assignment.objects.filter(state=AssignmentState.HELD).first()
    with pytest.raises(ValidationError, match="sedang ditawarkan atau dipakai"):
        services.booth_set_blocked(actor=staff_user, booth=held.booth, blocked=True)
    assert exhibition.state == State.CONFIRMED


def test_the_offer_deadline_is_a_setting(published, settings):
    exhibition, owners = published
    settings.BINAUMKM = {**settings.BINAUMKM, "EXHIBITIONS": {"OFFER_HOURS": 24}}
    offered = exhibition.applications.filter(status=S.OFFERED).first()
    services.offer_decline(actor=_user_of(offered, owners), assignment=_offer(offered))
    fresh = Assignment.objects.filter(state=AssignmentState.HELD).order_by("-offered_at", "-id").first()
    assert fresh.expires_at - fresh.offered_at == datetime.timedelta(hours=24)


def test_owners_to_do_and_the_business_timeline(published):
    from binaumkm.core.hooks import collect

    exhibition, owners = published
    offered = exhibition.applications.filter(status=S.OFFERED).select_related("business").first()
    todos = dict(collect("todo_items", _user_of(offered, owners)))["exhibitions"]
    assert len(todos) == 1 and todos[0].urgent and todos[0].url.endswith(f"/lamaran/{offered.pk}/")
    assert todos[0].due == _offer(offered).expires_at
    events = dict(collect("timeline", offered.business))["exhibitions"]
    assert [e.label for e in events] == [f"{exhibition.name}: Ditawari booth"]
