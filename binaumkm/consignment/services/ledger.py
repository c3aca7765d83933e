"""The stock ledger: deliveries, sales, sale cancellations, returns and adjustments.

Every stock move appends one ``StockEntry`` and updates the batch's ``StockBalance`` in the same
transaction, with the balance row locked (``select_for_update``). The database refuses a negative
balance (CHECK), so even a bug here cannot sell units that are not there. Sales additionally lock
the outlet row, which serialises them against settlements of the same outlet.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Product

from .. import conf, terms
from ..events import Event
from ..models import (
    Agreement,
    AgreementProduct,
    AgreementTerms,
    Batch,
    Delivery,
    Outlet,
    Sale,
    Settlement,
    StockBalance,
    StockEntry,
)
from ..terms import Terms

Kind = StockEntry.Kind


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_quantity(quantity: Any, *, field: str = "quantity") -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({field: _("Jumlah harus bilangan bulat.")})
    if quantity <= 0:
        raise ValidationError({field: _("Jumlah harus lebih dari nol.")})
    if quantity > conf.MAX_QUANTITY:
        raise ValidationError({field: _("Jumlah terlalu besar (maksimal %(n)d).") % {"n": conf.MAX_QUANTITY}})
    return quantity


def _check_not_future(day: datetime.date | None, *, field: str) -> None:
    if day is None:
        raise ValidationError({field: _("Isi tanggal.")})
    if day > timezone.localdate():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})


def _post(
    balance: StockBalance,
    *,
    kind: str,
    quantity: int,
    occurred_on: datetime.date,
    actor: User | None,
    sale: Sale | None = None,
    reason_code: str = "",
    note: str = "",
) -> StockEntry:
    """Append one ledger entry and move the (locked) balance with it."""
    new_on_hand = balance.on_hand + quantity
    if new_on_hand < 0:
        raise ValidationError(_("Stok tidak boleh minus."))
    if kind == Kind.DELIVERY:
        balance.delivered += quantity
    elif kind == Kind.SALE:
        balance.sold -= quantity
        if balance.last_sale_on is None or occurred_on > balance.last_sale_on:
            balance.last_sale_on = occurred_on
    elif kind == Kind.SALE_CANCEL:
        balance.sold -= quantity
    elif kind == Kind.RETURN:
        balance.returned -= quantity
    else:
        balance.adjusted += quantity
    balance.on_hand = new_on_hand
    balance.save(update_fields=["delivered", "sold", "returned", "adjusted", "on_hand", "last_sale_on"])
    return StockEntry.objects.create(
        batch_id=balance.batch_id, outlet_id=balance.outlet_id, business_id=balance.business_id,
        product_id=balance.product_id, kind=kind, quantity=quantity, occurred_on=occurred_on,
        reason_code=reason_code, note=note, sale=sale, created_by=_actor(actor),
    )  # fmt: skip


def _actor(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Deliveries -----------------------------------------------------------------------------------


@transaction.atomic
def delivery_create(
    *,
    actor: User,
    agreement: Agreement,
    delivered_on: datetime.date,
    sender_name: str,
    receiver_name: str,
    lines: list[tuple[AgreementProduct, int, datetime.date | None]],
    note: str = "",
) -> Delivery:
    """Record a delivery note. ``lines`` is a list of (AgreementProduct, quantity, expiry date or None).
    Errors for one line are keyed ``line_<index>``."""
    policy.require(actor, "deliver", agreement)
    agreement = Agreement.objects.select_related("outlet", "business").get(pk=agreement.pk)
    _check_not_future(delivered_on, field="delivered_on")
    errors: dict[str, Any] = {}
    if not agreement.outlet.is_active:
        errors["delivered_on"] = _("Outlet ini tidak aktif.")
    elif not agreement.is_active_on(delivered_on):
        errors["delivered_on"] = _("Perjanjian %(ref)s tidak berlaku pada tanggal %(day)s.") % {
            "ref": agreement.reference, "day": _d(delivered_on),
        }  # fmt: skip
    if not (sender_name or "").strip():
        errors["sender_name"] = _("Tulis nama penyerah dari pihak UMKM.")
    if not (receiver_name or "").strip():
        errors["receiver_name"] = _("Tulis nama penerima dari pihak outlet.")
    if not lines:
        errors["lines"] = _("Isi jumlah untuk sedikitnya satu produk.")
    items = {i.pk: i for i in AgreementProduct.objects.filter(agreement=agreement).select_related("product")}
    for index, (line_item, quantity, expiry) in enumerate(lines):
        key = f"line_{index}"
        item = items.get(getattr(line_item, "pk", 0))
        try:
            if item is None or not item.is_active:
                raise ValidationError(_("Produk ini tidak termasuk perjanjian."))
            _check_quantity(quantity)
            if item.product.category in ProductCategory.food_like() and expiry is None:
                raise ValidationError(_("Produk makanan/minuman wajib diisi tanggal kedaluwarsa."))
            if expiry is not None and expiry <= delivered_on:
                raise ValidationError(_("Tanggal kedaluwarsa harus setelah tanggal titip."))
        except ValidationError as exc:
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)

    delivery = Delivery.objects.create(
        outlet=agreement.outlet, business=agreement.business, agreement=agreement, delivered_on=delivered_on,
        sender_name=sender_name.strip(), receiver_name=receiver_name.strip(), note=(note or "").strip(),
        created_by=_actor(actor),
    )  # fmt: skip
    delivery.number = f"TJ-{delivered_on:%Y}-{delivery.pk:06d}"
    delivery.save(update_fields=["number"])
    for line_no, (item, quantity, expiry) in enumerate(lines, start=1):
        item = items[item.pk]
        batch = Batch.objects.create(
            delivery=delivery, line_no=line_no, code=f"{delivery.number}/{line_no}", item=item,
            outlet=agreement.outlet, business=agreement.business, product=item.product, quantity=quantity,
            unit_price=item.price, delivered_on=delivered_on, expiry_date=expiry,
        )  # fmt: skip
        balance = StockBalance.objects.create(
            batch=batch, outlet=batch.outlet, business=batch.business, product=batch.product,
            delivered_on=delivered_on, expiry_date=expiry,
        )  # fmt: skip
        _post(balance, kind=Kind.DELIVERY, quantity=quantity, occurred_on=delivered_on, actor=actor)
    audit.record(
        actor=actor, action=Event.DELIVERY_CREATED, obj=delivery,
        data={"outlet": agreement.outlet.name, "business": agreement.business.name,
              "lines": [[items[i.pk].product.name, q, e.isoformat() if e else None] for i, q, e in lines]},
    )  # fmt: skip
    return delivery


# --- Sales ----------------------------------------------------------------------------------------


def settled_period(outlet: Outlet, day: datetime.date) -> Settlement | None:
    return (
        Settlement.objects.filter(outlet=outlet, period_start__lte=day, period_end__gte=day)
        .exclude(state=Settlement.State.VOID)
        .first()
    )


def sale_price(
    batch: Batch, rules: Agreement | AgreementTerms | Terms, sold_on: datetime.date
) -> tuple[int, bool]:
    """The unit price of a sale: the batch's price, or the discounted price when the terms in force
    sell near-expiry goods at a discount: ``price × (10000 − discount_bp) // 10000`` (rounded down)."""
    if (
        rules.expiry_handling == Agreement.ExpiryHandling.DISCOUNT
        and rules.expiry_discount_bp
        and batch.expiry_date is not None
        and (batch.expiry_date - sold_on).days <= conf.EXPIRY_DAYS
    ):
        return batch.unit_price * (10000 - rules.expiry_discount_bp) // 10000, True
    return batch.unit_price, False


def agreement_in_force(outlet: Outlet, product: Product, sold_on: datetime.date) -> tuple[Agreement, Terms]:
    """The agreement between the outlet and the product's UMKM in force on ``sold_on`` and its terms
    on that day (two queries). Stock delivered under an agreement since replaced is sold under the
    replacement; a date outside every agreement is refused."""
    agreements = list(
        Agreement.objects.filter(outlet=outlet, business_id=product.business_id).prefetch_related("terms")
    )
    agreement = terms.in_force(agreements, sold_on)
    if agreement is None:
        raise ValidationError(
            {"sold_on": _("Tanggal %(day)s di luar masa berlaku setiap perjanjian titip jual antara outlet ini dan pemilik “%(product)s”; penjualan tidak bisa dicatat.")
             % {"day": _d(sold_on), "product": product.name}}
        )  # fmt: skip
    versions = [_as_terms(v) for v in agreement.terms.all()]
    return agreement, terms.terms_on(versions, sold_on, default=_as_terms(agreement))


def _as_terms(source: Agreement | AgreementTerms) -> Terms:
    return Terms(
        effective_from=getattr(source, "effective_from", None), commission_bp=source.commission_bp,
        expiry_handling=source.expiry_handling, expiry_discount_bp=source.expiry_discount_bp,
    )  # fmt: skip


def _lock_outlet(outlet: Outlet) -> Outlet:
    return Outlet.objects.select_for_update(no_key=True).get(pk=outlet.pk)


@transaction.atomic
def sale_record(
    *,
    actor: User,
    outlet: Outlet,
    product: Product,
    quantity: int,
    sold_on: datetime.date,
    source: str = Sale.Source.FORM,
) -> list[Sale]:
    """Record a sale of ``quantity`` units of a product at an outlet. Units come from the batches
    in stock on that date, earliest expiry first (then oldest delivery); one Sale per batch used."""
    policy.require(actor, "sell", outlet)
    _check_quantity(quantity)
    _check_not_future(sold_on, field="sold_on")
    outlet = _lock_outlet(outlet)
    if settled := settled_period(outlet, sold_on):
        raise ValidationError(
            {"sold_on": _("Tanggal %(day)s masuk periode yang sudah dibayarkan (%(ref)s); penjualan tidak bisa dicatat lagi. Hubungi dinas.")
             % {"day": _d(sold_on), "ref": settled.reference}}
        )  # fmt: skip
    agreement, in_force = agreement_in_force(outlet, product, sold_on)
    balances = list(
        StockBalance.objects.select_for_update(of=("self",))
        .filter(outlet=outlet, product=product, on_hand__gt=0)
        .select_related("batch__item__agreement")
        .order_by(F("expiry_date").asc(nulls_last=True), "delivered_on", "batch_id")
    )
    eligible = [
        b
        for b in balances
        if b.delivered_on <= sold_on and (b.expiry_date is None or b.expiry_date >= sold_on)
    ]
    available = sum(b.on_hand for b in eligible)
    if available < quantity:
        raise ValidationError(
            {"quantity": _shortage_message(product, balances, available, quantity, sold_on)}
        )
    sales, remaining = [], quantity
    for balance in eligible:
        if remaining == 0:
            break
        take = min(remaining, balance.on_hand)
        remaining -= take
        batch = balance.batch
        price, discounted = sale_price(batch, in_force, sold_on)
        sale = Sale.objects.create(
            outlet=outlet, batch=batch, business_id=batch.business_id, product=product,
            agreement=agreement, sold_on=sold_on, quantity=take, unit_price=price, gross=take * price,
            commission_bp=in_force.commission_bp, discounted=discounted, source=source, recorded_by=_actor(actor),
        )  # fmt: skip
        _post(balance, kind=Kind.SALE, quantity=-take, occurred_on=sold_on, actor=actor, sale=sale)
        audit.record(
            actor=actor, action=Event.SALE_RECORDED, obj=sale,
            data={"outlet": outlet.pk, "batch": batch.code, "quantity": take, "unit_price": price, "source": source},
        )  # fmt: skip
        sales.append(sale)
    return sales


def _shortage_message(
    product: Product, balances: list[StockBalance], available: int, quantity: int, sold_on: datetime.date
) -> str:
    if not balances:
        return _("Tidak ada stok “%(product)s” di outlet ini.") % {"product": product.name}
    if available == 0:
        first = min(b.delivered_on for b in balances)
        if first > sold_on:
            return _("Tanggal penjualan %(day)s sebelum barang dititipkan (titip pertama %(first)s).") % {
                "day": _d(sold_on),
                "first": _d(first),
            }
        if all(
            b.expiry_date is not None and b.expiry_date < sold_on
            for b in balances
            if b.delivered_on <= sold_on
        ):
            return _("Sisa stok “%(product)s” sudah kedaluwarsa pada tanggal itu; catat sebagai retur.") % {
                "product": product.name
            }
    return _(
        "Stok “%(product)s” pada tanggal %(day)s hanya %(available)d; tidak bisa mencatat penjualan %(quantity)d."
    ) % {"product": product.name, "day": _d(sold_on), "available": available, "quantity": quantity}


@transaction.atomic
def sales_record(
    *,
    actor: User,
    outlet: Outlet,
    items: list[tuple[str, Product, int]],
    sold_on: datetime.date,
    source: str = Sale.Source.FORM,
) -> list[Sale]:
    """Several products sold on one day, all or nothing. ``items`` is [(key, product, quantity)];
    a refusal for one item is raised as ``{key: messages}`` after every item was tried."""
    errors, sales = {}, []
    if not items:
        raise ValidationError(_("Isi jumlah terjual untuk sedikitnya satu produk."))
    for key, product, quantity in items:
        try:
            with transaction.atomic():
                sales += sale_record(
                    actor=actor,
                    outlet=outlet,
                    product=product,
                    quantity=quantity,
                    sold_on=sold_on,
                    source=source,
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "sold_on" in exc.error_dict:
                raise  # the date is wrong for every item: show it once
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)
    return sales


@transaction.atomic
def sale_cancel(*, actor: User, sale: Sale, reason: str) -> Sale:
    """Cancel a sale that is not in a settlement: a correction entry puts the units back."""
    policy.require(actor, "cancel", sale)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan.")})
    _lock_outlet(sale.outlet)
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    if sale.cancelled_at is not None:
        raise ValidationError(_("Penjualan ini sudah dibatalkan."))
    if sale.settlement_id is not None:
        raise ValidationError(
            _(
                "Penjualan ini sudah masuk rekap pembayaran dan tidak bisa diubah. Minta dinas membatalkan rekap pembayarannya dahulu."
            )
        )
    balance = StockBalance.objects.select_for_update().get(pk=sale.batch_id)
    # Dated on the sale it corrects (entered now: created_at), so stock replayed by date never dips.
    _post(balance, kind=Kind.SALE_CANCEL, quantity=sale.quantity, occurred_on=sale.sold_on, actor=actor,
          sale=sale, note=reason[:500])  # fmt: skip
    sale.cancelled_at = timezone.now()
    sale.cancelled_by = _actor(actor)
    sale.cancel_reason = reason[:500]
    sale.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit.record(actor=actor, action=Event.SALE_CANCELLED, obj=sale, data={"reason": reason[:500]})
    return sale


# --- Returns and adjustments ----------------------------------------------------------------------


@transaction.atomic
def return_record(
    *, actor: User, batch: Batch, quantity: int, returned_on: datetime.date, reason_code: str, note: str = ""
) -> StockEntry:
    """Goods taken back by the owner (unsold, expired or damaged)."""
    policy.require(actor, "record_return", batch)
    _check_quantity(quantity)
    _check_not_future(returned_on, field="returned_on")
    if reason_code not in StockEntry.ReturnReason.values:
        raise ValidationError({"reason_code": _("Pilih alasan retur.")})
    if returned_on < batch.delivered_on:
        raise ValidationError(
            {
                "returned_on": _("Tanggal retur sebelum barang dititipkan (%(day)s).")
                % {"day": _d(batch.delivered_on)}
            }
        )
    balance = StockBalance.objects.select_for_update().get(pk=batch.pk)
    if quantity > balance.on_hand:
        raise ValidationError(
            {"quantity": _("Retur %(quantity)d melebihi stok batch %(code)s (sisa %(on_hand)d).")
             % {"quantity": quantity, "code": batch.code, "on_hand": balance.on_hand}}
        )  # fmt: skip
    entry = _post(balance, kind=Kind.RETURN, quantity=-quantity, occurred_on=returned_on, actor=actor,
                  reason_code=reason_code, note=(note or "").strip()[:500])  # fmt: skip
    audit.record(
        actor=actor, action=Event.STOCK_RETURNED, obj=batch,
        data={"quantity": quantity, "reason": reason_code, "date": returned_on.isoformat()},
    )  # fmt: skip
    return entry


@transaction.atomic
def adjustment_record(
    *, actor: User, batch: Batch, quantity: int, counted_on: datetime.date, reason: str
) -> StockEntry:
    """A stock-count difference (positive: found more, negative: missing), always with a reason."""
    policy.require(actor, "adjust", batch)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity == 0:
        raise ValidationError({"quantity": _("Isi selisih selain nol (negatif bila barang kurang).")})
    if abs(quantity) > conf.MAX_QUANTITY:
        raise ValidationError(
            {"quantity": _("Jumlah terlalu besar (maksimal %(n)d).") % {"n": conf.MAX_QUANTITY}}
        )
    _check_not_future(counted_on, field="counted_on")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penyesuaian.")})
    if counted_on < batch.delivered_on:
        raise ValidationError(
            {
                "counted_on": _("Tanggal hitung sebelum barang dititipkan (%(day)s).")
                % {"day": _d(batch.delivered_on)}
            }
        )
    balance = StockBalance.objects.select_for_update().get(pk=batch.pk)
    if balance.on_hand + quantity < 0:
        raise ValidationError(
            {"quantity": _("Penyesuaian %(quantity)d membuat stok batch %(code)s minus (sisa %(on_hand)d).")
             % {"quantity": quantity, "code": batch.code, "on_hand": balance.on_hand}}
        )  # fmt: skip
    entry = _post(balance, kind=Kind.ADJUSTMENT, quantity=quantity, occurred_on=counted_on, actor=actor,
                  note=reason[:500])  # fmt: skip
    audit.record(
        actor=actor, action=Event.STOCK_ADJUSTED, obj=batch,
        data={"quantity": quantity, "reason": reason[:500], "date": counted_on.isoformat()},
    )  # fmt: skip
    return entry
