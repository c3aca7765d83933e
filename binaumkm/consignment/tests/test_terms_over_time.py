"""Commission and price from the agreement in force on the sale date: terms are versioned with
effective dates, a sale (however late it is recorded) uses the version in force on its date, stock
delivered under an agreement since replaced is sold under the replacement, and a date outside every
agreement between the outlet and the UMKM is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binaumkm.consignment import terms
from binaumkm.consignment.models import AgreementTerms
from binaumkm.consignment.services import ledger, outlets
from binaumkm.consignment.terms import Terms

from .factories import AgreementFactory, days_ago, deliver

D = datetime.date


def sell(actor, item, quantity, day):
    return ledger.sale_record(
        actor=actor, outlet=item.agreement.outlet, product=item.product, quantity=quantity, sold_on=day
    )


# --- Pure: the version in force, against an oracle -------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 10000)),
        min_size=1,
        max_size=5,
        unique_by=lambda v: v[0],
    ),
    st.integers(-10, 120),
)
def test_terms_in_force_are_the_latest_version_on_or_before_the_day(versions, offset):
    start = D(2026, 1, 1)
    rows = [Terms(start + datetime.timedelta(days=d), bp, "retur", 0) for d, bp in versions]
    day = start + datetime.timedelta(days=offset)
    on_or_before = sorted((d, bp) for d, bp in versions if d <= offset)
    expected = on_or_before[-1][1] if on_or_before else min(versions)[1]
    assert terms.terms_on(rows, day, default=Terms(None, -1, "retur", 0)).commission_bp == expected


# --- The scenario of issue 18 ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_regression_sale_recorded_after_a_renegotiation_uses_the_rate_in_force_on_its_date(staff_user, item):
    """Issue 18, scenario 2: a sale dated before a renegotiation but recorded after it gets the old rate
    (2,000 bp), exactly like the same day's sale recorded before it."""
    deliver(staff_user, item, 20, on=days_ago(30))
    before = sell(staff_user, item, 1, days_ago(12))
    outlets.agreement_update(actor=staff_user, agreement=item.agreement, data={"commission_bp": 1000})
    late = sell(staff_user, item, 1, days_ago(12))
    today = sell(staff_user, item, 1, days_ago(0))
    assert [s.commission_bp for s in (*before, *late, *today)] == [2000, 2000, 1000]


@pytest.mark.django_db
def test_regression_sale_after_an_agreement_ended_uses_the_replacement_or_is_refused(staff_user, item):
    """Issue 18, scenario 2 (second half): a sale dated after the agreement ended is recorded under the
    agreement in force on that day (the replacement, at its rate); between agreements it is refused."""
    first = item.agreement
    deliver(staff_user, item, 10, on=days_ago(60))
    outlets.agreement_update(actor=staff_user, agreement=first, data={"ends_on": days_ago(30)})
    replacement = AgreementFactory(outlet=first.outlet, business=first.business, commission_bp=1500,
                                   starts_on=days_ago(20))  # fmt: skip
    (sale,) = sell(staff_user, item, 2, days_ago(10))
    assert (sale.agreement, sale.commission_bp, sale.unit_price) == (replacement, 1500, 50_000)
    with pytest.raises(ValidationError) as exc:
        sell(staff_user, item, 1, days_ago(25))
    assert "di luar masa berlaku setiap perjanjian" in " ".join(exc.value.messages)
    (old,) = sell(staff_user, item, 1, days_ago(40))
    assert (old.agreement, old.commission_bp) == (first, 2000)


@pytest.mark.django_db
def test_new_terms_cannot_take_effect_on_a_day_with_sales_already_recorded(staff_user, item):
    deliver(staff_user, item, 5, on=days_ago(10))
    sell(staff_user, item, 1, days_ago(0))
    agreement = outlets.agreement_update(
        actor=staff_user, agreement=item.agreement, data={"commission_bp": 1200}
    )
    version = AgreementTerms.objects.filter(agreement=agreement).order_by("-effective_from").first()
    assert (version.effective_from, version.commission_bp) == (days_ago(-1), 1200)  # from tomorrow
    with pytest.raises(ValidationError, match="paling cepat berlaku"):
        outlets.agreement_update(actor=staff_user, agreement=agreement, data={"commission_bp": 900},
                                 effective_from=days_ago(0))  # fmt: skip


# --- Property: sales recorded late and after renegotiations, against an oracle ------------------------


renegotiations = st.lists(
    st.tuples(st.integers(1, 40), st.integers(0, 5000)), max_size=3, unique_by=lambda r: r[0]
)
sales = st.lists(st.integers(0, 45), min_size=1, max_size=6)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=renegotiations, sale_days=sales, order=st.randoms(use_true_random=False))
def test_late_sales_get_the_rate_in_force_on_their_date(staff_user, item, changes, sale_days, order):
    """Renegotiations take effect on chosen past days (set directly as versions, as if agreed then); sales
    dated on random days are recorded in random order afterwards: each gets the rate of its own date."""
    with transaction.atomic():
        agreement = item.agreement
        deliver(staff_user, item, 100, on=days_ago(50))
        AgreementTerms.objects.create(agreement=agreement, effective_from=agreement.starts_on,
                                      commission_bp=2000, expiry_handling="retur")  # fmt: skip
        for offset, bp in changes:
            AgreementTerms.objects.create(agreement=agreement, effective_from=days_ago(offset),
                                          commission_bp=bp, expiry_handling="retur")  # fmt: skip
        order.shuffle(sale_days)
        for offset in sale_days:
            (sale,) = sell(staff_user, item, 1, days_ago(offset))
            in_force = [(o, bp) for o, bp in changes if o >= offset]  # effective on or before the sale day
            expected = min(in_force)[1] if in_force else 2000
            assert sale.commission_bp == expected, (offset, changes)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_new_agreement_records_its_first_terms_version(staff_user, outlet):
    from binaumkm.registry.tests.factories import BusinessFactory

    agreement = outlets.agreement_create(actor=staff_user, outlet=outlet, business=BusinessFactory(),
                                         data={"commission_bp": 1750, "starts_on": days_ago(3)})  # fmt: skip
    assert list(agreement.terms.values_list("effective_from", "commission_bp")) == [(days_ago(3), 1750)]


# --- Dated corrections -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cancellation_carries_the_date_of_the_sale_it_corrects(staff_user, item):
    """Stock replayed by date never dips below zero: the units come back on the day they left (the
    entry's ``created_at`` says when the correction was entered)."""
    from django.db.models import Sum
    from django.utils import timezone

    from binaumkm.consignment.models import StockEntry

    deliver(staff_user, item, 3, on=days_ago(20))
    (sale,) = sell(staff_user, item, 3, days_ago(10))
    ledger.sale_cancel(actor=staff_user, sale=sale, reason="salah input")
    (again,) = sell(staff_user, item, 3, days_ago(5))
    cancel = StockEntry.objects.get(kind=StockEntry.Kind.SALE_CANCEL)
    assert cancel.occurred_on == sale.sold_on == days_ago(10)
    assert cancel.created_at.date() == timezone.now().date()
    for offset in range(25, -1, -1):
        on_hand = StockEntry.objects.filter(occurred_on__lte=days_ago(offset)).aggregate(n=Sum("quantity"))[
            "n"
        ]
        assert (on_hand or 0) >= 0, days_ago(offset)
    assert again.quantity == 3
