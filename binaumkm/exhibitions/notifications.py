"""Messages to exhibitors, always in Bahasa Indonesia (e-mail; console backend by default)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.core import notify
from binaumkm.core.conf import site_url

from .models import Application, Assignment, Status


def _when(dt) -> str:
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


def recipient(application: Application) -> str:
    owner = application.business.owner
    user = owner.user if owner.user_id else None
    return owner.email or (user.email if user else "")


def _send(application: Application, subject: str, body: str) -> bool:
    link = site_url(reverse("exhibitions:my_application", args=[application.pk]))
    return notify.send_email(
        to=recipient(application), subject=subject, body=f"{body}\n\n{link}",
        addressee=application.business.owner.full_name,
    )  # fmt: skip


def offer_made(assignment_id: int) -> bool:
    assignment = (
        Assignment.objects.select_related(
            "booth__venue", "application__exhibition", "application__business__owner__user"
        )
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or assignment.expires_at is None:
        return False
    application = assignment.application
    with translation.override("id"):
        names = {"exhibition": application.exhibition.name, "business": application.business.name}
        subject = _("Booth untuk Anda: %(exhibition)s") % names
        body = _(
            "%(business)s ditawari booth %(booth)s di %(venue)s untuk %(exhibition)s. Konfirmasi sebelum "
            "%(deadline)s; setelah itu booth ditawarkan ke pendaftar berikutnya."
        ) % {**names, "booth": assignment.booth.code, "venue": assignment.booth.venue.name,
             "deadline": _when(assignment.expires_at)}  # fmt: skip
        return _send(application, subject, body)


def status_changed(application_id: int, *, position: int | None = None) -> bool:
    """The waiting list with its position, an expired offer, or a closed call's outcome."""
    application = (
        Application.objects.select_related("exhibition", "business__owner__user")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return False
    with translation.override("id"):
        names = {"exhibition": application.exhibition.name, "business": application.business.name}
        if application.status == Status.WAITLISTED:
            subject = _("Anda di daftar tunggu: %(exhibition)s") % names
            body = _(
                "Booth %(exhibition)s sudah terbagi. %(business)s berada di daftar tunggu nomor %(position)s; "
                "bila ada booth kosong, kami tawarkan sesuai urutan."
            ) % {**names, "position": position or "-"}
        elif application.status == Status.EXPIRED:
            subject = _("Tawaran booth kedaluwarsa: %(exhibition)s") % names
            body = _("Tawaran booth untuk %(business)s tidak dikonfirmasi sampai batas waktu.") % names
        elif application.status == Status.NOT_PASSED:
            subject = _("Hasil kurasi: %(exhibition)s") % names
            body = _("Nilai kurasi %(business)s belum mencapai batas untuk %(exhibition)s.") % names
        else:
            return False
        return _send(application, subject, body)
