"""Running numbers per key and year: sequential, independent per key and year, unique under
concurrency (PostgreSQL: real row locks), and a rolled-back number is given again."""

import threading
import time

import pytest
from django.db import connection, transaction

from binaumkm.core.models import Counter
from binaumkm.core.numbering import next_number


@pytest.mark.django_db
def test_numbers_run_per_key_and_year():
    assert [next_number("surat.a", 2026) for _ in range(3)] == [1, 2, 3]
    assert next_number("surat.b", 2026) == 1
    assert next_number("surat.a", 2027) == 1
    assert next_number("surat.a", 2026) == 4
    assert Counter.objects.get(key="surat.a", year=2026).last == 4


@pytest.mark.django_db
def test_a_number_taken_by_a_rolled_back_transaction_is_given_again():
    next_number("surat.a", 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("surat.a", 2026) == 2
        raise RuntimeError("the letter could not be written")
    assert next_number("surat.a", 2026) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_never_share_a_number():
    """Twenty transactions take a number at the same moment, the first of them creating the year's
    counter; each holds its transaction open a little, as a letter being written does."""
    callers = 20
    barrier = threading.Barrier(callers)
    numbers, errors = [], []

    def take():
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                number = next_number("surat.konkuren", 2026)
                time.sleep(0.01)
            numbers.append(number)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(numbers) == list(range(1, callers + 1))
