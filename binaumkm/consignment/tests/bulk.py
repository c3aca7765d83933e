"""Fast bulk rows for query-count tests (10 vs 500 rows): written with bulk_create, consistent with
the ledger rules (balances match entries) but without going through the services."""

from binaumkm.consignment.models import (
    Agreement,
    AgreementProduct,
    Batch,
    Delivery,
    Outlet,
    Sale,
    Settlement,
    SettlementLine,
    StockBalance,
    StockEntry,
)
from binaumkm.registry.models import Business, Owner, Product
from binaumkm.registry.tests.factories import kelurahan

from .factories import days_ago


def businesses(n: int, *, start: int = 0) -> list[Business]:
    owners = Owner.objects.bulk_create(
        [
            Owner(full_name=f"Pemilik Massal {i}", nik=f"3372{i:012d}", gender="P")
            for i in range(start, start + n)
        ]
    )
    kel = kelurahan()
    return Business.objects.bulk_create(
        [
            Business(
                owner=o,
                name=f"Usaha Massal {start + i}",
                address="Jl. Uji",
                kelurahan=kel,
                kbli_section="C",
                verification="terverifikasi",
            )  # fmt: skip
            for i, o in enumerate(owners)
        ]
    )


def stock(outlet: Outlet, business: Business, n: int, *, quantity: int = 5) -> list[Batch]:
    """``n`` products of ``business``, each with one batch of ``quantity`` units at ``outlet``."""
    agreement, _ = Agreement.objects.get_or_create(
        outlet=outlet, business=business, starts_on=days_ago(400), defaults={"commission_bp": 2000}
    )
    products = Product.objects.bulk_create(
        [
            Product(business=business, name=f"Produk massal {i}", category="kerajinan", price=10_000)
            for i in range(n)
        ]
    )
    items = AgreementProduct.objects.bulk_create(
        [AgreementProduct(agreement=agreement, product=p, price=10_000) for p in products]
    )
    delivery = Delivery.objects.create(outlet=outlet, business=business, agreement=agreement, delivered_on=days_ago(30),
                                       sender_name="A", receiver_name="B")  # fmt: skip
    delivery.number = f"TJ-X-{delivery.pk:06d}"
    delivery.save()
    batches = Batch.objects.bulk_create(
        [
            Batch(
                delivery=delivery,
                line_no=i + 1,
                code=f"{delivery.number}/{i + 1}",
                item=item,
                outlet=outlet,
                business=business,
                product=item.product,
                quantity=quantity,
                unit_price=10_000,
                delivered_on=days_ago(30),
                expiry_date=days_ago(-3) if i % 2 else None,
            )  # fmt: skip
            for i, item in enumerate(items)
        ]
    )
    StockBalance.objects.bulk_create(
        [
            StockBalance(
                batch=b,
                outlet=outlet,
                business=business,
                product=b.product,
                delivered_on=b.delivered_on,
                expiry_date=b.expiry_date,
                delivered=quantity,
                on_hand=quantity,
            )  # fmt: skip
            for b in batches
        ]
    )
    StockEntry.objects.bulk_create(
        [
            StockEntry(
                batch=b,
                outlet=outlet,
                business=business,
                product=b.product,
                kind="titip",
                quantity=quantity,
                occurred_on=b.delivered_on,
            )  # fmt: skip
            for b in batches
        ]
    )
    return batches


def sales(batch: Batch, n: int) -> list[Sale]:
    agreement = batch.item.agreement
    return Sale.objects.bulk_create(
        [
            Sale(
                outlet=batch.outlet,
                batch=batch,
                business=batch.business,
                product=batch.product,
                agreement=agreement,
                sold_on=days_ago(2),
                quantity=1,
                unit_price=batch.unit_price,
                gross=batch.unit_price,
                commission_bp=agreement.commission_bp,
            )  # fmt: skip
            for _ in range(n)
        ]
    )


def settlement_lines(outlet: Outlet, businesses_: list[Business]) -> Settlement:
    settlement = Settlement.objects.create(outlet=outlet, period_start=days_ago(90), period_end=days_ago(60))
    SettlementLine.objects.bulk_create(
        [
            SettlementLine(
                settlement=settlement,
                business=b,
                gross=10_000,
                commission=2_000,
                net=8_000,
                quantity=1,
                sale_count=1,
            )
            for b in businesses_
        ]  # fmt: skip
    )
    return settlement
