"""E-mails of financing, in Bahasa Indonesia: to the branch's officers when a referral is sent, to
the owner when the bank decides, and reminders of referrals waiting past the service level."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core.conf import site, site_url
from binaumkm.core.money import format_rupiah
from binaumkm.core.notify import send_email

from . import workflow
from .models import Referral, ReferralState


def _officer_addresses(referral: Referral) -> set[str]:
    branch = referral.branch
    return {branch.email, *branch.officers.filter(is_active=True).values_list("email", flat=True)} - {""}


def _staff_addresses() -> set[str]:
    perm = Permission.objects.filter(content_type__app_label="financing", codename="send_referral")
    users = User.objects.filter(
        Q(groups__permissions__in=perm) | Q(user_permissions__in=perm), is_active=True
    )
    return set(users.exclude(email="").values_list("email", flat=True))


def sent_notify(referral_id: int) -> int:
    referral = (
        Referral.objects.select_related("branch__provider", "scheme", "business")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or referral.state != ReferralState.SENT:
        return 0
    with translation.override("id"):
        subject = _("Rujukan pembiayaan %(number)s: %(business)s") % {
            "number": referral.number,
            "business": referral.business.name,
        }
        body = _(
            "Yth. Petugas %(branch)s,\n\n%(agency)s merujuk %(business)s untuk %(scheme)s sebesar %(amount)s (%(purpose)s). "
            "Pemilik sudah menyetujui berkasnya dibagikan kepada kantor Anda.\n\nBuka rujukan, konfirmasi penerimaan, dan catat "
            "keputusannya di portal bank: %(url)s\n"
        ) % {
            "branch": referral.branch, "agency": site()["AGENCY_NAME"], "business": referral.business.name,
            "scheme": referral.scheme.name, "amount": format_rupiah(referral.amount), "purpose": referral.purpose,
            "url": site_url(reverse("financing:bank_detail", args=[referral.pk])),
        }  # fmt: skip
        return sum(send_email(to=a, subject=subject, body=body) for a in sorted(_officer_addresses(referral)))


def decision_notify(referral_id: int) -> int:
    referral = (
        Referral.objects.select_related("business__owner__user", "scheme", "branch__provider")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        return 0
    owner = referral.business.owner
    address = owner.email or (owner.user.email if owner.user else "")
    with translation.override("id"):
        state = ReferralState(referral.state).label
        subject = _("Pengajuan %(scheme)s: %(state)s") % {"scheme": referral.scheme.name, "state": state}
        body = _(
            "Yth. %(owner)s,\n\nPengajuan %(scheme)s untuk usaha “%(business)s” di %(branch)s kini berstatus: %(state)s.\n"
            "Lihat rinciannya di Bina UMKM: %(url)s\n"
        ) % {
            "owner": owner.full_name, "scheme": referral.scheme.name, "business": referral.business.name,
            "branch": referral.branch, "state": state,
            "url": site_url(reverse("financing:my_referral", args=[referral.pk])),
        }  # fmt: skip
        return int(send_email(to=address, subject=subject, body=body))


def overdue_notify(referral: Referral, *, now: datetime.datetime) -> set[str]:
    addresses = _officer_addresses(referral) | _staff_addresses()
    days = workflow.days_waiting(referral.state_changed_at, now)
    with translation.override("id"):
        subject = _("Pengingat: rujukan %(number)s menunggu %(days)d hari") % {
            "number": referral.number,
            "days": days,
        }
        body = _(
            "Rujukan %(number)s (%(business)s, %(scheme)s) di %(branch)s berstatus “%(state)s” sejak %(days)d hari, "
            "melewati batas layanan %(sla)d hari.\n\nPortal bank: %(bank_url)s\nPapan rujukan dinas: %(staff_url)s\n"
        ) % {
            "number": referral.number, "business": referral.business.name, "scheme": referral.scheme.name,
            "branch": referral.branch, "state": ReferralState(referral.state).label, "days": days,
            "sla": referral.scheme.service_level_days,
            "bank_url": site_url(reverse("financing:bank_detail", args=[referral.pk])),
            "staff_url": site_url(reverse("financing:referral_detail", args=[referral.pk])),
        }  # fmt: skip
        for address in sorted(addresses):
            send_email(to=address, subject=subject, body=body, addressee=_("Bapak/Ibu petugas rujukan"))
    return addresses
