"""Settlements: per outlet and period, what each business is owed after the outlet's commission.

Rounding rule (one, for every settlement): per business and settlement,
``commission = floor(Σ gross_r × rate_r / 10000)`` where ``gross_r`` is the business's gross sales
at commission rate ``rate_r`` (basis points) in the period, and ``net = gross − commission``. Rounding
down favours the UMKM by less than one rupiah, and ``net + commission == gross`` always holds.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from ..events import Event
from ..models import Outlet, Sale, Settlement, SettlementLine

Period = Outlet.Period


def commission_for(gross_by_rate: dict[int, int]) -> int:
    """The documented rounding rule: floor of the exact commission over all of a business's sales."""
    return sum(gross * rate for rate, gross in gross_by_rate.items()) // 10000


def period_bounds(kind: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The settlement period of ``kind`` that contains ``day``."""
    if kind == Period.WEEKLY:
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    if kind == Period.FORTNIGHTLY:
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        return day.replace(day=16), day.replace(day=last)
    return day.replace(day=1), day.replace(day=last)


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@transaction.atomic
def settlement_create(
    *, actor: User, outlet: Outlet, period_start: datetime.date | None, period_end: datetime.date | None
) -> Settlement:
    """Settle the outlet's unsettled, uncancelled sales dated in [period_start, period_end].

    The outlet row is locked first, which serialises this against sales being recorded and against
    another settlement of the same outlet. Sales are linked with one UPDATE, then totals are summed
    in SQL from exactly the linked sales, so what is linked and what is paid cannot differ."""
    policy.require(actor, "settle", outlet)
    if period_start is None or period_end is None or period_end < period_start:
        raise ValidationError({"period_start": _("Periode tidak valid.")})
    if period_end >= timezone.localdate():
        raise ValidationError(
            {"period_start": _("Periode ini belum berakhir (sampai %(day)s); rekap pembayaran dibuat setelah periode selesai.")
             % {"day": _d(period_end)}}
        )  # fmt: skip
    outlet = Outlet.objects.select_for_update(no_key=True).get(pk=outlet.pk)
    overlap = (
        Settlement.objects.filter(outlet=outlet, period_start__lte=period_end, period_end__gte=period_start)
        .exclude(state=Settlement.State.VOID)
        .first()
    )
    if overlap is not None:
        if (overlap.period_start, overlap.period_end) == (period_start, period_end):
            message = _("Periode %(start)s–%(end)s sudah dibayarkan (%(ref)s).")
        else:
            message = _("Periode ini bertumpuk dengan rekap pembayaran %(ref)s (%(start)s–%(end)s).")
        raise ValidationError(
            {"period_start": message % {"ref": overlap.reference, "start": _d(overlap.period_start), "end": _d(overlap.period_end)}}
        )  # fmt: skip
    settlement = Settlement.objects.create(
        outlet=outlet, period_start=period_start, period_end=period_end, created_by=actor
    )
    linked = Sale.objects.filter(
        outlet=outlet, sold_on__gte=period_start, sold_on__lte=period_end, settlement__isnull=True,
        cancelled_at__isnull=True,
    ).update(settlement=settlement)  # fmt: skip
    if not linked:
        raise ValidationError(
            {"period_start": _("Tidak ada penjualan yang belum dibayarkan pada periode ini.")}
        )
    rows = (
        Sale.objects.filter(settlement=settlement)
        .values("business_id", "commission_bp")
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
        .order_by()
    )
    by_business: defaultdict[int, dict[str, Any]] = defaultdict(
        lambda: {"rates": defaultdict(int), "quantity": 0, "n": 0}
    )
    for row in rows:
        acc = by_business[row["business_id"]]
        acc["rates"][row["commission_bp"]] += row["gross"]
        acc["quantity"] += row["quantity"]
        acc["n"] += row["n"]
    lines = []
    for business_id, acc in sorted(by_business.items()):
        gross = sum(acc["rates"].values())
        commission = commission_for(acc["rates"])
        lines.append(SettlementLine(
            settlement=settlement, business_id=business_id, gross=gross, commission=commission,
            net=gross - commission, quantity=acc["quantity"], sale_count=acc["n"],
        ))  # fmt: skip
    SettlementLine.objects.bulk_create(lines, batch_size=1000)
    settlement.gross = sum(line.gross for line in lines)
    settlement.commission = sum(line.commission for line in lines)
    settlement.net = sum(line.net for line in lines)
    settlement.sale_count = linked
    settlement.save(update_fields=["gross", "commission", "net", "sale_count", "updated_at"])
    audit.record(
        actor=actor, action=Event.SETTLEMENT_CREATED, obj=settlement,
        data={"outlet": outlet.name, "period": [period_start.isoformat(), period_end.isoformat()],
              "sales": linked, "businesses": len(lines), "gross": settlement.gross,
              "commission": settlement.commission, "net": settlement.net},
    )  # fmt: skip
    return settlement


@transaction.atomic
def settlement_void(*, actor: User, settlement: Settlement, reason: str) -> Settlement:
    """Void a settlement nobody has been paid from: its sales become unsettled again."""
    policy.require(actor, "change", settlement)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan rekap pembayaran.")})
    Outlet.objects.select_for_update(no_key=True).get(pk=settlement.outlet_id)
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    if settlement.state == Settlement.State.VOID:
        raise ValidationError(_("Rekap pembayaran ini sudah dibatalkan."))
    if settlement.lines.filter(paid_on__isnull=False).exists():
        raise ValidationError(
            _(
                "Sebagian hak UMKM dalam rekap pembayaran ini sudah dibayar; rekap pembayaran tidak bisa dibatalkan."
            )
        )
    freed = Sale.objects.filter(settlement=settlement).update(settlement=None)
    old = settlement.state
    settlement.state = Settlement.State.VOID
    settlement.void_reason = reason[:500]
    settlement.voided_at = timezone.now()
    settlement.voided_by = actor
    settlement.save(update_fields=["state", "void_reason", "voided_at", "voided_by", "updated_at"])
    audit.record(
        actor=actor, action=Event.SETTLEMENT_VOIDED, obj=settlement,
        changes={"state": [old, settlement.state]}, data={"reason": reason[:500], "sales_freed": freed},
    )  # fmt: skip
    return settlement


def _check_payment(
    settlement: Settlement, paid_on: datetime.date | None, reference: str
) -> tuple[datetime.date, str]:
    reference = (reference or "").strip()
    errors = {}
    if not reference:
        errors["reference"] = _("Isi referensi pembayaran (nomor transfer atau kuitansi).")
    if paid_on is None:
        errors["paid_on"] = _("Isi tanggal bayar.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("Tanggal bayar tidak boleh di masa depan.")
    elif paid_on < settlement.period_end:
        errors["paid_on"] = _("Tanggal bayar tidak boleh sebelum akhir periode (%(day)s).") % {
            "day": _d(settlement.period_end)
        }
    if errors or paid_on is None:  # a missing date always has its error
        raise ValidationError(errors)
    if settlement.state == Settlement.State.VOID:
        raise ValidationError(_("Rekap pembayaran ini sudah dibatalkan."))
    return paid_on, reference[:100]


def _mark_paid(actor: User, line: SettlementLine, paid_on: datetime.date, reference: str) -> None:
    line.paid_on, line.payment_reference = paid_on, reference
    line.paid_at, line.paid_by = timezone.now(), actor
    line.save(update_fields=["paid_on", "payment_reference", "paid_at", "paid_by"])
    audit.record(
        actor=actor, action=Event.LINE_PAID, obj=line.settlement,
        data={"business": line.business_id, "net": line.net, "paid_on": paid_on.isoformat(), "reference": reference},
    )  # fmt: skip


def _close_if_paid(actor: User, settlement: Settlement) -> None:
    if not settlement.lines.filter(paid_on__isnull=True).exists():
        settlement.state = Settlement.State.PAID
        settlement.save(update_fields=["state", "updated_at"])
        audit.record(
            actor=actor, action=Event.SETTLEMENT_PAID, obj=settlement,
            changes={"state": [Settlement.State.OPEN, Settlement.State.PAID]},
        )  # fmt: skip


@transaction.atomic
def settlement_line_pay(
    *, actor: User, line: SettlementLine, paid_on: datetime.date | None, reference: str
) -> SettlementLine:
    """Record that one business was paid its net amount. Recorded once: a second payment is refused."""
    policy.require(actor, "pay", line)
    settlement = Settlement.objects.select_for_update().get(pk=line.settlement_id)
    line = SettlementLine.objects.select_for_update().get(pk=line.pk)
    paid_on, reference = _check_payment(settlement, paid_on, reference)
    if line.paid_on is not None:
        raise ValidationError(
            _("Pembayaran untuk usaha ini sudah dicatat pada %(day)s (ref. %(ref)s).")
            % {"day": _d(line.paid_on), "ref": line.payment_reference}
        )
    _mark_paid(actor, line, paid_on, reference)
    _close_if_paid(actor, settlement)
    return line


@transaction.atomic
def settlement_pay_all(
    *, actor: User, settlement: Settlement, paid_on: datetime.date | None, reference: str
) -> int:
    """Mark every unpaid line paid with one payment reference (e.g. one bulk transfer)."""
    policy.require(actor, "change", settlement)
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    paid_on, reference = _check_payment(settlement, paid_on, reference)
    unpaid = list(settlement.lines.select_for_update().filter(paid_on__isnull=True))
    if not unpaid:
        raise ValidationError(_("Semua hak UMKM dalam rekap pembayaran ini sudah dibayar."))
    for line in unpaid:
        line.settlement = settlement
        _mark_paid(actor, line, paid_on, reference)
    _close_if_paid(actor, settlement)
    return len(unpaid)
