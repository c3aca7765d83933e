"""Input hygiene fuzzing: hostile values in every form field (POST) and every GET filter of every
declared URL, as every principal of the whole-site access test, on its shared world. No answer may
be a 500, and a principal refused a POST must not have written anything.

At least ``FUZZ_N`` hostile values (default 2,000) are sent per run from a seeded generator
(``FUZZ_SEED``; printed on failure): NUL bytes, huge and negative numbers, very long strings,
unicode, formula text, HTML/script, SQL-ish text, impossible dates. ``make fuzz N=10000`` sends more.
"""

from __future__ import annotations

import os
import random
import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from binaumkm.core.tests.site_access import OK, PRINCIPALS
from binaumkm.core.tests.test_site_access import DECLARED, fingerprint, outcome_of, world  # noqa: F401

FUZZ_N = int(os.environ.get("FUZZ_N", "2000"))
SEED = int(os.environ.get("FUZZ_SEED", "20261202"))
ATOMS = [
    "", " ", "0", "-1", "-999999999999", str(10**30), str(-(10**30)), str(2**63), str(2**31), "1e309", "NaN",
    "inf", "-0", "0x1F", "1,5", "1.500.000", "Rp1.500.000", "=SUM(A1:A9)", "+62812", "@cmd", "-1+2",
    '=HYPERLINK("http://x.example","klik")', "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --", "'; DROP TABLE accounts_user; --", "%", "_", "\\", "../../etc/passwd", "2025-02-30",
    "9999-12-31", "0000-00-00", "31/12/2025", "25:61", "true", "null", "[]", "{}", "ñ", "Ω≈ç√", "😀" * 50,
    "\u202eRTL", "e\u0301", "ＡＢＣ", "\u200b", "تجربة", "测试", "\t\r\n", "a" * 300, "9" * 400,
]  # fmt: skip


def hostile(rng: random.Random, *, nul: bool) -> str:
    pick = rng.random()
    if nul and pick < 0.3:
        return rng.choice(["\x00", "a\x00b", "1\x00"])
    if pick < 0.05:
        return rng.choice(["x", "9", "ä", "<b>"]) * rng.choice([5_000, 20_000])
    if pick < 0.12:
        return rng.choice(ATOMS) + rng.choice(ATOMS)
    return rng.choice(ATOMS)


NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.S)
GENERIC = ("q", "page", "id", "pk", "name", "status", "year", "month", "date", "quantity", "amount", "sort")


def field_names(client: Client, w, url: str, declared) -> list[str]:
    """Names of the fields the page shows (as the first principal allowed to see it), the declared
    POST data's keys, and a few generic filter names."""
    names = set(declared.data(w)) | set(GENERIC)
    if "GET" in declared.methods:
        allowed = [p for p in PRINCIPALS if declared.expected(p, "GET") == OK]
        if allowed:
            client.logout()
            if allowed[0] != "anonymous":
                client.force_login(w.users[allowed[0]])
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                names |= set(NAME.findall(response.content.decode(errors="replace")))
    return sorted(names - {"csrfmiddlewaretoken"})


ALLOWED_VISITS = 4  # requests per round by each principal the URL serves: they reach the code
REFUSED_VISITS = 3  # principals refused per URL and round (drawn anew: every role over the run)


def visits(rng: random.Random, declared) -> list[tuple[str, str]]:
    out = []
    for method in declared.methods:
        allowed = [p for p in PRINCIPALS if declared.expected(p, method) == OK]
        refused = [p for p in PRINCIPALS if p not in allowed]
        out += [(p, method) for p in allowed for _i in range(ALLOWED_VISITS)]
        out += [(p, method) for p in rng.sample(refused, k=min(len(refused), REFUSED_VISITS))]
    return out


@pytest.mark.django_db
def test_hostile_input_never_gives_a_500_nor_a_refused_write(world):  # noqa: F811
    rng = random.Random(SEED)
    client = Client(raise_request_exception=False)
    plans = []
    for name in sorted(DECLARED):
        declared = DECLARED[name]
        url = reverse(name, kwargs=declared.kwargs(world))
        plans.append((name, declared, url, field_names(client, world, url, declared)))
    sent, problems = 0, []
    while sent < FUZZ_N:  # rounds over every URL
        for (_name, declared, url, names), principal, method in (
            (plan, principal, method) for plan in plans for principal, method in visits(rng, plan[1])
        ):
            nul = rng.random() < 0.1
            fields = {n: hostile(rng, nul=nul) for n in rng.sample(names, k=min(len(names), 40))}
            data = {**declared.data(world), **fields}
            sent += len(fields)
            refused = declared.expected(principal, method) != OK
            cache.clear()  # rate limits
            client.logout()
            if principal != "anonymous":
                client.force_login(world.users[principal])
            with transaction.atomic():
                before = fingerprint() if method == "POST" and refused else None
                response = client.post(url, data) if method == "POST" else client.get(url, data)
                written = before is not None and fingerprint() != before
                transaction.set_rollback(True)
            where = f"{method} {url} as {principal} with {data!r:.300}"
            if response.status_code >= 500:
                problems.append(f"500: {where}")
            elif written:
                problems.append(f"refused ({outcome_of(response)}) but wrote: {where}")
    assert not problems, f"seed {SEED}, {len(problems)} problem(s):\n" + "\n".join(problems[:30])
