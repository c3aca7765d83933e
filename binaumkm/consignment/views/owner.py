"""The owner's view: their goods at every outlet, sales, settlements and statements."""

from django.core.paginator import Paginator
from django.shortcuts import render

from binaumkm.core.policy import permission_required

from .. import selectors
from ..policy import OWN_GOODS

owner_required = permission_required(OWN_GOODS)


@owner_required
def overview(request):
    stock = selectors.owner_stock(actor=request.user)
    outlets: dict[int, dict] = {}
    for row in stock:
        outlet = outlets.setdefault(
            row["outlet_id"], {"name": row["outlet__name"], "rows": [], "units": 0, "value": 0}
        )
        outlet["rows"].append(row)
        outlet["units"] += row["on_hand"]
        outlet["value"] += row["on_hand"] * row["batch__unit_price"]
    lines = selectors.owner_settlement_lines(actor=request.user)
    pending = [line for line in lines if not line.is_paid]
    page_obj = Paginator(lines, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "consignment/owner/overview.html",
        {
            "outlets": list(outlets.values()), "page_obj": page_obj, "pending_total": sum(x.net for x in pending),
            "pending_count": len(pending), "sales": selectors.owner_sales(actor=request.user)[:10],
        },
    )  # fmt: skip


@owner_required
def sales(request):
    page_obj = Paginator(selectors.owner_sales(actor=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "consignment/owner/sales.html", {"page_obj": page_obj})
