"""What mentoring holds about one owner, for their "Data saya" page (``core.hooks.PersonalData``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from binaumkm.core.hooks import PersonalData

from ..models import Engagement, Session


def personal_data_for(owner) -> list[PersonalData]:
    """Engagements of the owner's businesses and the sessions' summaries (the mentor's private notes
    are working notes that owner pages never show; see docs/privacy.md)."""
    engagements = (
        Engagement.objects.filter(business__owner=owner)
        .select_related("business", "programme", "mentor__user")
        .order_by("pk")
    )
    sessions = (
        Session.objects.filter(engagement__business__owner=owner)
        .select_related("engagement__business")
        .order_by("held_on", "pk")
    )
    return [
        PersonalData(
            "mentoring.engagements", _("Pendampingan"),
            [_("Usaha"), _("Program"), _("Pendamping"), _("Status"), _("Mulai"), _("Berakhir")],
            [[e.business.name, e.programme.name, e.mentor.user.display_name, e.get_state_display(), e.started_on,
              e.ended_on] for e in engagements],
        ),
        PersonalData(
            "mentoring.sessions", _("Sesi pendampingan"),
            [_("Usaha"), _("Tanggal"), _("Ringkasan")],
            [[s.engagement.business.name, s.held_on, s.summary] for s in sessions],
        ),
    ]  # fmt: skip
