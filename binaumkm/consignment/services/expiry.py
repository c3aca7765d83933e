"""Daily expiry check: flag batches that expire within ``conf.EXPIRY_DAYS`` (once per batch) and
e-mail the outlet and the owner, proposing a return (or a discount, when the agreement says so)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, notify

from .. import conf
from ..events import Event
from ..models import Agreement, ExpiryAlert, StockBalance


@transaction.atomic
def expiry_flag(
    *,
    actor: User | None = None,
    today: datetime.date | None = None,
    days: int | None = None,
    notify: bool = True,
) -> list[ExpiryAlert]:
    """The system's daily check (``actor`` None: the scheduler), so no permission applies."""
    today = today or timezone.localdate()
    days = conf.EXPIRY_DAYS if days is None else days
    balances = (
        StockBalance.objects.select_for_update(of=("self",))
        .filter(
            on_hand__gt=0, expiry_date__isnull=False, expiry_date__lte=today + datetime.timedelta(days=days)
        )
        .filter(batch__expiry_alert__isnull=True)
        .select_related("batch__item__agreement")
        .order_by("expiry_date", "batch_id")
    )
    alerts = [
        ExpiryAlert(
            batch_id=b.batch_id,
            outlet_id=b.outlet_id,
            business_id=b.business_id,
            flagged_on=today,
            expiry_date=b.expiry_date,
            on_hand=b.on_hand,
            proposal=b.batch.item.agreement.expiry_handling,
        )  # fmt: skip
        for b in balances
        if b.expiry_date is not None  # always, by the filter above
    ]
    # ignore_conflicts: a batch flagged meanwhile by a parallel run stays flagged once.
    ExpiryAlert.objects.bulk_create(alerts, batch_size=1000, ignore_conflicts=True)
    alerts = list(
        ExpiryAlert.objects.filter(
            flagged_on=today, batch_id__in=[a.batch_id for a in alerts]
        ).select_related("batch__product", "batch__item__agreement", "outlet", "business__owner__user")
    )
    audit.record_many(actor=actor, action=Event.EXPIRY_FLAGGED, objs=[a.batch for a in alerts],
                      data={"days": days, "today": today.isoformat()})  # fmt: skip
    if alerts and notify:
        ids = [a.pk for a in alerts]
        transaction.on_commit(lambda: notify_alerts(ids))
    return alerts


def _line(alert: ExpiryAlert) -> str:
    agreement = alert.batch.item.agreement
    if alert.proposal == Agreement.ExpiryHandling.DISCOUNT:
        proposal = _("usulan: jual dengan diskon %(pct)s") % {"pct": agreement.discount_label}
    else:
        proposal = _("usulan: retur ke pemilik")
    return _("- %(product)s (%(business)s), batch %(code)s: sisa %(n)d, kedaluwarsa %(day)s; %(proposal)s") % {
        "product": alert.batch.product.name, "business": alert.business.name, "code": alert.batch.code,
        "n": alert.on_hand, "day": alert.expiry_date.strftime("%d/%m/%Y"), "proposal": proposal,
    }  # fmt: skip


def notify_alerts(alert_ids: list[int]) -> int:
    """One e-mail per outlet (its contact and partner accounts) and one per owner. Returns e-mails sent."""
    alerts = list(
        ExpiryAlert.objects.filter(pk__in=alert_ids).select_related(
            "batch__product", "batch__item__agreement", "outlet", "business__owner__user"
        )
    )
    by_outlet, by_owner = defaultdict(list), defaultdict(list)
    for alert in alerts:
        by_outlet[alert.outlet].append(alert)
        by_owner[alert.business.owner].append(alert)
    sent: defaultdict[int, int] = defaultdict(int)
    emails = 0
    for outlet, items in by_outlet.items():
        addresses = {
            outlet.contact_email,
            *outlet.partners.exclude(email="").values_list("email", flat=True),
        } - {""}
        body = "\n".join(
            [_("Barang titipan berikut di %(outlet)s mendekati kedaluwarsa:") % {"outlet": outlet.name}, ""]
            + [_line(a) for a in items]
            + ["", _("Catat retur di halaman stok outlet bila barang dikembalikan ke pemilik.")]
        )
        for address in sorted(addresses):
            if notify.send_email(to=address, subject=_("Barang titipan mendekati kedaluwarsa – %(outlet)s") % {
                    "outlet": outlet.name}, body=body, addressee=_("Pengelola %(outlet)s") % {"outlet": outlet.name}):  # fmt: skip
                emails += 1
                for a in items:
                    sent[a.pk] += 1
    for owner, items in by_owner.items():
        address = owner.email or (owner.user.email if owner.user is not None else "")
        body = "\n".join(
            [
                _("Yth. %(name)s, barang titipan Anda berikut mendekati kedaluwarsa:")
                % {"name": owner.full_name},
                "",
            ]
            + [_line(a) for a in items]
            + ["", _("Hubungi outlet untuk mengambil barang (retur) sebelum kedaluwarsa.")]
        )
        if notify.send_email(to=address, subject=_("Barang titipan Anda mendekati kedaluwarsa"), body=body):
            emails += 1
            for a in items:
                sent[a.pk] += 1
    for alert in alerts:
        if sent[alert.pk]:
            ExpiryAlert.objects.filter(pk=alert.pk).update(notified=sent[alert.pk])
    return emails
