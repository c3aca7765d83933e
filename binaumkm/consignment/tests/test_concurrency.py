"""Real concurrency on PostgreSQL: parallel sales of the last units sell exactly the stock."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from binaumkm.consignment import selectors
from binaumkm.consignment.models import Sale, StockBalance
from binaumkm.consignment.services import ledger

from .factories import days_ago, deliver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(workers: int, fn):
    """Run ``fn(i)`` in ``workers`` threads that start together; each thread has its own connection."""
    barrier = threading.Barrier(workers)
    results = [None] * workers

    def run(i):
        try:
            barrier.wait()
            results[i] = fn(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each worker got
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_parallel_sales_of_the_last_units_sell_exactly_the_stock(staff_user, partner_user, item):
    outlet = item.agreement.outlet
    first = deliver(staff_user, item, 3, on=days_ago(20)).batches.get()
    second = deliver(staff_user, item, 2, on=days_ago(10)).batches.get()
    actors = [staff_user, partner_user]

    results = race(
        12,
        lambda i: ledger.sale_record(
            actor=actors[i % 2], outlet=outlet, product=item.product, quantity=1, sold_on=days_ago(1)
        ),
    )
    sold = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(sold) == 5 and len(refused) == 7, results
    assert all("hanya 0" in " ".join(r.messages) or "Tidak ada stok" in " ".join(r.messages) for r in refused)
    assert Sale.objects.filter(cancelled_at__isnull=True).count() == 5
    assert StockBalance.objects.get(pk=first.pk).on_hand == 0
    assert StockBalance.objects.get(pk=second.pk).on_hand == 0
    assert selectors.ledger_mismatches(actor=staff_user) == []


def test_parallel_returns_and_sales_never_go_negative(staff_user, partner_user, item):
    outlet = item.agreement.outlet
    batch = deliver(staff_user, item, 6, on=days_ago(20)).batches.get()

    def work(i):
        if i % 2:
            return ledger.return_record(
                actor=staff_user, batch=batch, quantity=2, returned_on=days_ago(1), reason_code="tidak_laku"
            )
        return ledger.sale_record(
            actor=partner_user, outlet=outlet, product=item.product, quantity=2, sold_on=days_ago(1)
        )

    results = race(8, work)
    done = [r for r in results if not isinstance(r, Exception)]
    assert len(done) == 3, results
    assert all(isinstance(r, ValidationError) for r in results if isinstance(r, Exception))
    balance = StockBalance.objects.get(pk=batch.pk)
    assert balance.on_hand == 0 and balance.sold + balance.returned == 6
    assert selectors.ledger_mismatches(actor=staff_user) == []
