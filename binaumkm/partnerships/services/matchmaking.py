"""Matchmaking service: loads stores' shortfalls and suitable UMKM from the database, runs the
optimiser (``matching.py``), keeps the result as a ``MatchRun``, and turns chosen proposals into
partnership offers in bulk."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.choices import BusinessStatus, ProductCategory
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import business_eligible, eligible_q

from .. import compliance, conf, matching, selectors
from ..events import Event
from ..models import MatchRun, Partnership, PartnershipStatus, Store, StoreStatus
from .partnerships import check_terms

PRODUCTS_PER_OFFER = 5


def _valid(number: str, expiry, today) -> bool:
    return bool(number) and (expiry is None or expiry >= today)


def load_candidates(today: datetime.date) -> tuple[list[matching.Candidate], dict[int, dict[str, Any]]]:
    """Verified UMKM that are not closed, with their retail-ready products: (candidates, names,
    ready product ids per business and category). Three queries whatever the size."""
    food = ProductCategory.food_like()
    businesses: dict[int, dict[str, Any]] = {}
    rows = business_eligible()
    for bid, name, kel, kec, status, pirt, pirt_exp, bpom, bpom_exp, halal, halal_exp in rows.values_list(
        "id", "name", "kelurahan_id", "kelurahan__kecamatan_id", "status", "pirt_number", "pirt_expiry",
        "bpom_number", "bpom_expiry", "halal_number", "halal_expiry",
    ):  # fmt: skip
        businesses[bid] = {
            "name": name, "kel": kel, "kec": kec, "active": status == BusinessStatus.ACTIVE,
            "licence": _valid(pirt, pirt_exp, today) or _valid(bpom, bpom_exp, today),
            "halal": _valid(halal, halal_exp, today), "ready": {}, "products": {}, "food_ok": True,
        }  # fmt: skip
    products = Product.objects.filter(eligible_q("business__"), is_active=True, price__gt=0)
    for pid, bid, category, pirt, bpom, halal in products.values_list(
        "id", "business_id", "category", "pirt_number", "bpom_number", "halal_number"
    ).order_by("business_id", "id"):
        info = businesses.get(bid)
        if info is None:
            continue
        if category in food:
            if not (pirt or bpom or info["licence"]):
                continue  # food without P-IRT or BPOM is not ready for a modern store's shelf
            if not (halal or info["halal"]):
                info["food_ok"] = False
        info["ready"][category] = info["ready"].get(category, 0) + 1
        info["products"].setdefault(category, []).append(pid)
    exposure = dict(
        Partnership.objects.filter(status__in=PartnershipStatus.open_values())
        .values_list("business_id")
        .annotate(n=Count("id"))
    )
    candidates = []
    new_stores, most = conf.MATCH_NEW_STORES_PER_UMKM, conf.MATCH_MAX_PARTNERSHIPS_PER_UMKM  # read once
    for bid, info in businesses.items():
        if not info["ready"]:
            continue
        existing = exposure.get(bid, 0)
        capacity = min(new_stores, most - existing)
        candidates.append(matching.Candidate(
            business_id=bid, kelurahan_id=info["kel"], kecamatan_id=info["kec"], ready=info["ready"],
            food_halal=info["food_ok"], active=info["active"], existing=existing, capacity=max(capacity, 0),
        ))  # fmt: skip
    return candidates, businesses


def load_needs(stores: list[Store], today: datetime.date) -> list[matching.Need]:
    """Each store's shortfall today, less the offers already under way; the UMKM it must not be
    proposed (partnered, offered, or having declined it)."""
    ids = [s.pk for s in stores]
    intervals = selectors.intervals_by_store(Store.objects.filter(pk__in=ids))
    pending: dict[int, int] = {}
    exclude: dict[int, set[int]] = {}
    rows = Partnership.objects.filter(store_id__in=ids).exclude(status=PartnershipStatus.CANCELLED)
    for store_id, business_id, status in rows.values_list("store_id", "business_id", "status"):
        if status in PartnershipStatus.open_values() or status == PartnershipStatus.DECLINED:
            exclude.setdefault(store_id, set()).add(business_id)
        if status in PartnershipStatus.offer_values():
            pending[store_id] = pending.get(store_id, 0) + 1
    needs = []
    required = conf.min_partners_by_type()
    for store in stores:
        active = compliance.count_on(intervals.get(store.pk, []), today)
        shortfall = required(store.store_type) - active - pending.get(store.pk, 0)
        needs.append(matching.Need(
            store_id=store.pk, store_type=store.store_type, kelurahan_id=store.kelurahan_id,
            kecamatan_id=store.kelurahan.kecamatan_id, shortfall=max(shortfall, 0),
            exclude=frozenset(exclude.get(store.pk, ())),
        ))  # fmt: skip
    return needs


def compute(
    stores: list[Store], *, today: datetime.date | None = None
) -> tuple[matching.Result, list[matching.Need], dict[int, dict[str, Any]]]:
    """(matching.Result, needs, business info) for the given stores; no writes."""
    today = today or timezone.localdate()
    needs = load_needs(stores, today)
    candidates, businesses = load_candidates(today)
    result = matching.solve(
        needs, candidates, matching.Weights.from_conf(), k=conf.MATCH_CANDIDATES_PER_STORE
    )
    return result, needs, businesses


def match_run_create(
    *, actor: User, stores: list[Store] | None = None, today: datetime.date | None = None
) -> MatchRun:
    """Propose UMKM for the given stores, or for every open store that is not compliant. The
    computation reads only; the run is written in a short transaction at the end."""
    policy.require(actor, "add", MatchRun)
    today = today or timezone.localdate()
    if stores is None:
        overview = selectors.compliance_overview(actor=actor, filters={"state": "tidak"}, today=today)
        stores = [row.store for row in overview.rows]
        scope = _("Semua toko yang belum patuh (%(n)d toko)") % {"n": len(stores)}
    else:
        stores = [s for s in stores if s.status == StoreStatus.OPEN]
        scope = ", ".join(s.name for s in stores)[:200]
    if not stores:
        raise ValidationError(_("Tidak ada toko terbuka yang perlu dicarikan mitra."))
    result, needs, businesses = compute(stores, today=today)
    weights = matching.Weights.from_conf()
    store_by_id = {s.pk: s for s in stores}
    type_of = {n.store_id: n.store_type for n in needs}
    proposals = []
    for p in result.proposals:
        info = businesses[p.business_id]
        suited = weights.suited.get(type_of[p.store_id], frozenset())
        product_ids = [pid for cat, pids in sorted(info["products"].items()) if cat in suited for pid in pids]
        proposals.append({
            "store": p.store_id, "store_name": store_by_id[p.store_id].name, "business": p.business_id,
            "business_name": info["name"], "fit": p.fit, "reasons": p.reasons,
            "products": product_ids[:PRODUCTS_PER_OFFER],
        })  # fmt: skip
    unfilled = [
        {"store": sid, "store_name": store_by_id[sid].name, "open": n}
        for sid, n in sorted(result.unfilled.items())
    ]
    needing = {n.store_id for n in needs if n.shortfall}
    no_need = [s.pk for s in stores if s.pk not in needing]
    with transaction.atomic():
        run = MatchRun.objects.create(
            created_by=actor, scope=scope, proposals=proposals, unfilled=unfilled,
            stats={**result.stats, "no_need": no_need, "today": today.isoformat()},
        )  # fmt: skip
        audit.record(actor=actor, action=Event.MATCH_RUN, obj=run,
                     data={k: v for k, v in result.stats.items() if k != "seconds"})  # fmt: skip
    return run


def offers_from_run(
    *, actor: User, run: MatchRun, indexes: Iterable[int | str], form: str, start_date: datetime.date
) -> tuple[list[Partnership], list[tuple[dict[str, Any], str]]]:
    """Turn the chosen proposals into offers to the owners, in bulk. Each is checked again (the data
    may have changed since the run); returns (created partnerships, [(proposal, reason refused)])."""
    policy.require(actor, "offer", run)
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        done = set(run.offered)
        chosen = sorted({int(i) for i in indexes if 0 <= int(i) < len(run.proposals)} - done)
        proposals = [(i, run.proposals[i]) for i in chosen]
        # Locked like partnership_create does, so no other offer to these stores slips in meanwhile.
        stores = Store.objects.select_for_update().in_bulk({p["store"] for _i, p in proposals})
        businesses = Business.objects.in_bulk({p["business"] for _i, p in proposals})
        owned = {}
        for pid, business_id in Product.objects.filter(
            pk__in={pid for _i, p in proposals for pid in p["products"]}
        ).values_list("pk", "business_id"):
            owned[pid] = business_id
        taken = set(
            Partnership.objects.filter(
                store__in=stores.values(), status__in=PartnershipStatus.open_values()
            ).values_list("store_id", "business_id")
        )
        rows, picked, refused = [], [], []
        for i, proposal in proposals:
            store, business = stores.get(proposal["store"]), businesses.get(proposal["business"])
            try:
                if store is None or business is None:
                    raise ValidationError(_("Toko atau UMKM sudah dihapus."))
                check_terms(store=store, business=business, start_date=start_date, end_date=None)
                if (store.pk, business.pk) in taken:
                    raise ValidationError(
                        _("UMKM ini sudah bermitra atau sedang ditawari kemitraan dengan toko ini.")
                    )
            except ValidationError as exc:
                refused.append((proposal, " ".join(exc.messages)))
                continue
            taken.add((store.pk, business.pk))
            rows.append(Partnership(
                store=store, business=business, form=form, start_date=start_date, proposed_by=actor,
                reasons=proposal["reasons"], match_run=run,
            ))  # fmt: skip
            picked.append((i, [pid for pid in proposal["products"] if owned.get(pid) == business.pk]))
        created = Partnership.objects.bulk_create(rows, batch_size=500)
        through = Partnership.products.through
        through.objects.bulk_create(
            [through(partnership_id=p.pk, product_id=pid) for p, (_i, pids) in zip(created, picked, strict=True)
             for pid in pids],
            batch_size=2000,
        )  # fmt: skip
        audit.record_many(actor=actor, action=Event.OFFER_CREATED, objs=created,
                          data={"match_run": run.pk, "form": form, "start_date": start_date.isoformat()})  # fmt: skip
        run.offered = sorted(done | {i for i, _pids in picked})
        run.save(update_fields=["offered", "updated_at"])
        if created:
            from ..tasks import notify_offers

            ids = [p.pk for p in created]
            transaction.on_commit(lambda: notify_offers.enqueue(ids))
    return created, refused
