"""Demo digital stages over the demo UMKM, consistent with their training: a business that completed
a digital-marketing or marketplace batch (read through the ``business_facts`` hook, not the training
module) is assisted on that batch's platform on its last day, with the batch as "assisted by", and
goes further more often than one that was never trained. Runs after the registry's demo (which gave
38% a Shopee or Tokopedia shop at "account created") and after training's."""

from __future__ import annotations

import datetime

from django.utils import timezone

from binaumkm.core.hooks import collect
from binaumkm.registry.models import Business, Presence
from binaumkm.registry.platforms import Platform, Stage
from binaumkm.registry.selectors import eligible_q

PARTNER_PLATFORM = {
    "Shopee": Platform.SHOPEE, "Tokopedia": Platform.TOKOPEDIA, "Blibli": Platform.BLIBLI,
    "Grab": Platform.GRABFOOD, "Gojek": Platform.GOFOOD, "Bukalapak": Platform.BUKALAPAK,
}  # fmt: skip
# Chance of each next step: (account, first listing, first sale, active), trained vs not.
TRAINED = (0.85, 0.8, 0.65, 0.6)
UNTRAINED = (0.5, 0.55, 0.3, 0.45)
DORMANT_SHARE = 0.15  # of active shops, no news for months
STEPS = [(Stage.ACCOUNT, "account_on", 3, 20), (Stage.FIRST_LISTING, "first_listing_on", 2, 15),
         (Stage.FIRST_SALE, "first_sale_on", 7, 90), (Stage.ACTIVE, "active_on", 20, 60)]  # fmt: skip
URLS = {
    Platform.SHOPEE: "https://shopee.co.id/umkm{}", Platform.TOKOPEDIA: "https://www.tokopedia.com/umkm{}",
    Platform.BLIBLI: "https://www.blibli.com/merchant/umkm{}", Platform.GRABFOOD: "https://food.grab.com/id/umkm{}",
    Platform.GOFOOD: "https://gofood.co.id/solo/umkm{}", Platform.INSTAGRAM: "https://www.instagram.com/umkm.solo{}/",
    Platform.BUKALAPAK: "https://www.bukalapak.com/u/umkm{}",
}  # fmt: skip


def _digital_training(ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for _label, facts in collect("business_facts", ids):
        for business_id, values in (facts or {}).items():
            if "digital_training" in values:
                found[business_id] = values["digital_training"]
    return found


def _advance(rng, presence: Presence, chances, start: datetime.date, today: datetime.date) -> None:
    """Walk the funnel from ``start`` while the dice and the calendar allow."""
    day = start
    for (stage, field, low, high), chance in zip(STEPS, chances, strict=True):
        if getattr(presence, field) is not None:  # already there (the registry's shops)
            day = getattr(presence, field)
            continue
        day = day + datetime.timedelta(days=rng.randint(low, high))
        if day > today or rng.random() >= chance:
            return
        presence.stage = stage
        setattr(presence, field, day)
        if stage in (Stage.FIRST_SALE, Stage.ACTIVE):
            presence.activity_confirmed_on = day
    if rng.random() < DORMANT_SHARE:
        presence.stage, presence.dormant_on = (
            Stage.DORMANT,
            today - datetime.timedelta(days=rng.randint(1, 60)),
        )


def seed_digital(ctx) -> None:
    if Presence.objects.exclude(stage=Stage.ACCOUNT).exists():
        return
    rng = ctx.rng("catalogue:digital")
    today = ctx.today
    ids = list(Business.objects.filter(eligible_q()).order_by("pk").values_list("pk", flat=True))
    trained = _digital_training(ids)
    held: dict[int, dict[str, Presence]] = {}
    for presence in Presence.objects.filter(business_id__in=ids).order_by("pk"):
        held.setdefault(presence.business_id, {})[presence.platform] = presence
    new, changed = [], []
    for pk in ids:
        batch, shops = trained.get(pk), held.get(pk, {})
        platform = PARTNER_PLATFORM.get(batch["partner"], Platform.INSTAGRAM) if batch else None
        if batch:
            presence = shops.get(platform) or Presence(
                business_id=pk, platform=platform, url=URLS[platform].format(pk)
            )
            presence.assisted_on, presence.assisted_by = batch["end_date"], batch["batch"][:200]
            if presence.stage == Stage.PLANNED:
                presence.stage = Stage.ASSISTED
            _advance(rng, presence, TRAINED, batch["end_date"], today)
            (changed if presence.pk else new).append(presence)
        for shop_platform, presence in shops.items():
            if shop_platform != platform:
                _advance(rng, presence, UNTRAINED, presence.account_on or today, today)
                changed.append(presence)
        if not batch and rng.random() < 0.1:  # a plan, without help yet
            new.append(Presence(business_id=pk, platform=rng.choice([Platform.INSTAGRAM, Platform.WHATSAPP_BUSINESS]),
                                stage=Stage.PLANNED, planned_on=today - datetime.timedelta(days=rng.randint(1, 90))))  # fmt: skip
    _demo_owner_dormant_shop(ids, held, new, changed, today)
    now = timezone.now()
    for presence in changed:
        presence.updated_at = now
    fields = ["stage", "assisted_on", "assisted_by", "account_on", "first_listing_on", "first_sale_on", "active_on",
              "dormant_on", "activity_confirmed_on", "updated_at"]  # fmt: skip
    Presence.objects.bulk_update(changed, fields, batch_size=1000)
    Presence.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    selling = sum(p.stage in (Stage.FIRST_SALE, Stage.ACTIVE) for p in [*new, *changed])
    ctx.log(f"catalogue: {len(new) + len(changed)} kehadiran digital ({len(trained)} UMKM lulus pelatihan digital, "
            f"{selling} berjualan)")  # fmt: skip


def _demo_owner_dormant_shop(ids, held, new, changed, today) -> None:
    """The demo owner's first business has a sold-before shop gone quiet: their home asks "masih aktif?"."""
    from binaumkm.registry.demo import DEMO_OWNER_PHONE

    pk = (
        Business.objects.filter(pk__in=ids, owner__phone=DEMO_OWNER_PHONE)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return
    # The shop may be one this run has just made (a training's partner platform), not yet saved.
    presence = held.get(pk, {}).get(Platform.SHOPEE) or next(
        (p for p in new if p.business_id == pk and p.platform == Platform.SHOPEE), None
    )
    if presence is None:
        presence = Presence(business_id=pk, platform=Platform.SHOPEE, url=URLS[Platform.SHOPEE].format(pk))
        new.append(presence)
    elif presence not in changed and presence not in new:
        changed.append(presence)
    presence.account_on = presence.account_on or today - datetime.timedelta(days=400)
    presence.first_listing_on = presence.first_listing_on or presence.account_on + datetime.timedelta(days=5)
    presence.first_sale_on = presence.first_sale_on or presence.account_on + datetime.timedelta(days=30)
    presence.stage, presence.dormant_on = Stage.DORMANT, today - datetime.timedelta(days=3)
