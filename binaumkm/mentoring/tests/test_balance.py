"""Balancing runs through the services: the candidates staff select, the proposal with its reasons,
confirming with a mentor changed by hand, and capacity checked again at confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from binaumkm.core.models import AuditEntry, Kecamatan
from binaumkm.mentoring import selectors, services
from binaumkm.mentoring.events import Event
from binaumkm.mentoring.models import Engagement, EngagementState
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import EngagementFactory, MentorFactory, kelurahan

pytestmark = pytest.mark.django_db


@pytest.fixture
def laweyan(areas):
    return Kecamatan.objects.get(name="Laweyan")


def stagnant(kel, **fields):
    return BusinessFactory(kelurahan=kelurahan(kel), status="stagnan", **fields)


def test_candidates_are_the_selected_umkm_without_an_open_engagement(staff_user, laweyan, programme):
    wanted = [stagnant("Pajang"), stagnant("Laweyan")]
    stagnant("Kampungbaru")  # another kecamatan
    BusinessFactory(kelurahan=kelurahan("Pajang"))  # active, not stagnant
    stagnant("Pajang", verification="baru")  # not verified
    EngagementFactory(business=stagnant("Pajang"), programme=programme)  # mentored now
    helped = stagnant("Sondakan")
    EngagementFactory(business=helped, programme=programme, state=EngagementState.COMPLETED)
    filters = {"kecamatan": laweyan.pk, "status": "stagnan", "never_mentored": True}
    found = set(selectors.balance_candidates(actor=staff_user, filters=filters))
    assert found == set(wanted)
    filters["never_mentored"] = False
    assert helped in selectors.balance_candidates(actor=staff_user, filters=filters)


def test_neighbours_come_from_the_boundary_file(areas):
    found = selectors.kelurahan_neighbours()
    assert kelurahan("Laweyan").pk in found[kelurahan("Pajang").pk]
    assert kelurahan("Mojosongo").pk not in found[kelurahan("Pajang").pk]


def test_a_run_proposes_explains_and_is_confirmed_with_a_changed_mentor(staff_user, laweyan, programme):
    near = MentorFactory(home_kelurahan=kelurahan("Pajang"), kecamatan=[laweyan], capacity=5)
    MentorFactory(
        home_kelurahan=kelurahan("Jebres"), kecamatan=[laweyan], capacity=5
    )  # serves Laweyan, lives far
    far = MentorFactory(kecamatan=[Kecamatan.objects.get(name="Jebres")], capacity=5)
    businesses = [stagnant("Pajang") for _ in range(3)]
    run = services.balance_run_create(actor=staff_user, programme=programme,
                                      business_ids=[b.pk for b in businesses], scope="Laweyan, stagnan")  # fmt: skip
    # Living in the same kelurahan outweighs the load cost of a third case (capacity 5).
    assert [p["mentor"] for p in run.proposals] == [near.pk] * 3
    first = run.proposals[0]
    assert first["business_name"] == businesses[0].name and ["same_kelurahan", {}] in first["reasons"]
    created, refused = services.balance_run_confirm(
        actor=staff_user, run=run, choices={0: far.pk, 1: run.proposals[1]["mentor"]}
    )
    assert len(created) == 2 and not refused
    assert Engagement.objects.get(business_id=first["business"]).mentor == far
    assert Engagement.objects.get(business_id=first["business"]).reasons == [["manual", {}]]
    run.refresh_from_db()
    assert run.stats["assigned"] == [0, 1] and run.confirmed_by == staff_user
    # Confirming again assigns only what is left.
    created, _refused = services.balance_run_confirm(
        actor=staff_user, run=run, choices={0: near.pk, 1: near.pk, 2: near.pk}
    )
    assert len(created) == 1
    assert {Event.BALANCE_PROPOSED, Event.BALANCE_CONFIRMED} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )


def test_a_line_whose_mentor_filled_up_meanwhile_is_refused_alone(staff_user, laweyan, programme):
    mentor = MentorFactory(home_kelurahan=kelurahan("Pajang"), kecamatan=[laweyan], capacity=2)
    run = services.balance_run_create(actor=staff_user, programme=programme,
                                      business_ids=[stagnant("Pajang").pk, stagnant("Pajang").pk], scope="x")  # fmt: skip
    services.engagement_assign(
        actor=staff_user, business=stagnant("Laweyan"), mentor=mentor, programme=programme
    )
    created, refused = services.balance_run_confirm(
        actor=staff_user, run=run, choices={0: mentor.pk, 1: mentor.pk}
    )
    assert len(created) == 1 and len(refused) == 1
    assert "sudah penuh" in refused[0][1]


def test_runs_need_umkm_an_active_programme_and_the_permission(staff_user, programme, areas):
    with pytest.raises(ValidationError, match="Tidak ada UMKM"):
        services.balance_run_create(actor=staff_user, programme=programme, business_ids=[], scope="x")
    programme.is_active = False
    programme.save()
    with pytest.raises(ValidationError):
        services.balance_run_create(
            actor=staff_user, programme=programme, business_ids=[stagnant("Pajang").pk], scope="x"
        )
    with pytest.raises(PermissionDenied):
        services.balance_run_create(
            actor=MentorFactory().user, programme=programme, business_ids=[1], scope="x"
        )
