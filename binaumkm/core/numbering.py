"""Running numbers per key and year (letter numbers), safe under concurrency.

``next_number("financing.referral", 2026)`` returns 1, 2, 3 ... The counter row is locked
(``select_for_update``) until the caller's transaction ends, so two letters written at the same time
wait for each other and never share a number; a number taken by a transaction that rolls back is
given again. Call it inside the transaction that stores the number.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import Counter


@transaction.atomic
def next_number(key: str, year: int) -> int:
    counter = Counter.objects.select_for_update().filter(key=key, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                Counter.objects.create(key=key, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first; wait for its lock below
        counter = Counter.objects.select_for_update().get(key=key, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
