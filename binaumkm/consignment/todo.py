"""The consignment items of each role's to-do list (the ``todo_items`` AppConfig hook): selectors kept
apart from ``selectors.py``, which is full. Each kind of item is one query, whatever the number."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.core.hooks import Todo
from binaumkm.core.money import format_rupiah
from binaumkm.core.policy import Actor

from .models import Outlet, Sale, Settlement, SettlementLine, StockBalance
from .policy import OWN_GOODS, OWN_OUTLET

TODO_LIMIT = 20
PAID_SHOWN_DAYS = 14  # a payment received stays on the owner's list this long, to check it arrived
SALES_QUIET_DAYS = 7  # an outlet with stock and no sale recorded for this long is asked to record


def todo_items(*, actor: Actor) -> list[Todo]:
    items: list[Todo] = []
    if policy.holds(actor, OWN_GOODS):
        items += _owner_items(actor)
    if policy.holds(actor, OWN_OUTLET):
        items += _partner_items(actor)
    return items


def _period(settlement: Settlement) -> str:
    return f"{settlement.period_start:%d-%m-%Y}–{settlement.period_end:%d-%m-%Y}"


def _owner_items(actor: Actor) -> list[Todo]:
    """Payouts due (the outlet has not paid yet) and payouts paid in the last two weeks."""
    since = timezone.localdate() - datetime.timedelta(days=PAID_SHOWN_DAYS)
    lines = (
        policy.scope(actor, "own", SettlementLine)
        .filter(
            Q(paid_on__isnull=True, settlement__state=Settlement.State.OPEN)
            | Q(paid_on__gte=since) & ~Q(settlement__state=Settlement.State.VOID)
        )
        .select_related("settlement__outlet", "business")
        .order_by("paid_on", "settlement__period_end", "id")[:TODO_LIMIT]
    )
    url = reverse("consignment:owner_overview")
    module = str(_("Titip jual"))
    items = []
    for line in lines:
        values = {
            "amount": format_rupiah(line.net),
            "outlet": line.settlement.outlet.name,
            "period": _period(line.settlement),
            "business": line.business.name,
        }
        if line.paid_on is None:
            label = (
                _(
                    "Pembayaran titip jual %(amount)s dari %(outlet)s (%(period)s, %(business)s) belum diterima"
                )
                % values
            )
            items.append(Todo(label, url, due=line.settlement.period_end, module=module))
        else:
            values["date"] = f"{line.paid_on:%d-%m-%Y}"
            label = (
                _("Pembayaran titip jual %(amount)s dari %(outlet)s dibayar %(date)s: periksa rekening Anda")
                % values
            )
            items.append(Todo(label, url, module=module))
    return items


def _partner_items(actor: Actor) -> list[Todo]:
    """Outlets holding stock with no sale recorded for a week; settlements not yet paid out."""
    module = str(_("Titip jual"))
    items = []
    quiet_since = timezone.now() - datetime.timedelta(days=SALES_QUIET_DAYS)
    quiet = (
        policy.scope(actor, "own", Outlet)
        .filter(is_active=True)
        .filter(Exists(StockBalance.objects.filter(outlet=OuterRef("pk"), on_hand__gt=0)))
        .exclude(Exists(Sale.objects.filter(outlet=OuterRef("pk"), created_at__gte=quiet_since)))
        .only("id", "name")
        .order_by("name", "id")[:TODO_LIMIT]
    )
    for outlet in quiet:
        items.append(Todo(_("Catat penjualan titipan di %(outlet)s (belum ada catatan seminggu ini)") % {"outlet": outlet.name},
                          reverse("consignment:sales_entry", args=[outlet.pk]), due=timezone.localdate(), module=module))  # fmt: skip
    unpaid = (
        Settlement.objects.filter(
            state=Settlement.State.OPEN, outlet__in=policy.scope(actor, "own", Outlet).values("pk")
        )
        .filter(lines__paid_on__isnull=True)
        .annotate(owed=Sum("lines__net"))
        .select_related("outlet")
        .order_by("period_end", "id")[:TODO_LIMIT]
    )
    for settlement in unpaid:
        items.append(Todo(_("Bayar rekap %(ref)s ke UMKM: %(amount)s (%(period)s)") % {
            "ref": settlement.reference, "amount": format_rupiah(settlement.owed or 0), "period": _period(settlement)},
            reverse("consignment:outlet_settlements", args=[settlement.outlet_id]), due=settlement.period_end,
            urgent=True, module=module))  # fmt: skip
    return items
