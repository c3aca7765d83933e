"""E-mails to mentors and owners, in Bahasa Indonesia (queued by services after commit)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from binaumkm.core.conf import site, site_url
from binaumkm.core.notify import send_email
from binaumkm.core.official import tanggal

from . import conf
from .confirmation import make_token
from .models import Engagement, Session


def _owner_address(engagement: Engagement) -> str:
    owner = engagement.business.owner
    return owner.email or (owner.user.email if owner.user_id and owner.user else "")


def assigned_notify(engagement_ids: list[int]) -> int:
    """Tell each mentor and owner of new engagements who they will work with."""
    sent = 0
    engagements = Engagement.objects.filter(pk__in=engagement_ids).select_related(
        "business__owner__user", "business__kelurahan", "mentor__user", "programme"
    )
    with translation.override("id"):
        for e in engagements:
            values = {
                "agency": site()["AGENCY_NAME"], "business": e.business.name, "kelurahan": e.business.kelurahan.name,
                "mentor": e.mentor.user.display_name, "programme": e.programme.name,
            }  # fmt: skip
            sent += send_email(
                to=e.mentor.user.email, addressee=e.mentor.user.display_name,
                subject=_("Pendampingan baru: %(business)s") % values,
                body=_("%(agency)s menugaskan Anda mendampingi “%(business)s” (%(kelurahan)s) dalam program "
                       "%(programme)s. Lihat di portal pendamping: %(url)s\n") % {
                    **values, "url": site_url(reverse("mentoring:engagement_detail", args=[e.pk]))},
            )  # fmt: skip
            sent += send_email(
                to=_owner_address(e), addressee=e.business.owner.full_name,
                subject=_("Usaha Anda mendapat pendamping"),
                body=_("%(agency)s menugaskan %(mentor)s mendampingi usaha Anda “%(business)s” dalam program "
                       "%(programme)s. Pendamping akan menghubungi Anda. Ikuti pendampingan di: %(url)s\n") % {
                    **values, "url": site_url(reverse("mentoring:my_engagement", args=[e.pk]))},
            )  # fmt: skip
    return sent


def session_link(session: Session) -> str:
    """The owner's one-time confirmation link (only ever sent to the owner)."""
    return site_url(
        reverse("mentoring:session_confirm_link", args=[make_token(session.pk, session.confirm_nonce)])
    )


def session_notify(session_id: int) -> int:
    """Send the owner the session's shared summary and their one-time confirmation link."""
    session = (
        Session.objects.select_related("engagement__business__owner__user", "mentor__user")
        .filter(pk=session_id, confirmed_at__isnull=True)
        .exclude(confirm_nonce="")
        .first()
    )
    if session is None:
        return 0
    with translation.override("id"):
        body = _(
            "Yth. %(owner)s,\n\n%(mentor)s mencatat sesi pendampingan (%(mode)s, %(minutes)d menit) pada %(date)s "
            "untuk “%(business)s”.\n\nRingkasan: %(summary)s\n\nBila sesi ini benar terjadi, konfirmasi dengan "
            "tautan ini (berlaku %(days)d hari, sekali pakai): %(url)s\n"
        ) % {
            "owner": session.engagement.business.owner.full_name, "mentor": session.mentor.user.display_name,
            "mode": session.get_mode_display(), "minutes": session.minutes, "date": tanggal(session.held_on),
            "business": session.engagement.business.name, "summary": session.summary, "days": conf.CONFIRM_LINK_DAYS,
            "url": session_link(session),
        }  # fmt: skip
        return int(
            send_email(
                to=_owner_address(session.engagement), subject=_("Konfirmasi sesi pendampingan"), body=body
            )
        )
