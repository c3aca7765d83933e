"""Audit event codes of mentoring (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    MENTOR_CREATED = "mentoring.mentor.created", _("Pendamping didaftarkan")
    MENTOR_UPDATED = "mentoring.mentor.updated", _("Data pendamping diubah")
    PROGRAMME_CREATED = "mentoring.programme.created", _("Program pendampingan dibuat")
    PROGRAMME_UPDATED = "mentoring.programme.updated", _("Program pendampingan diubah")
    GOAL_TEMPLATE_ADDED = "mentoring.goal_template.added", _("Templat sasaran ditambahkan")
    GOAL_TEMPLATE_REMOVED = "mentoring.goal_template.removed", _("Templat sasaran dihapus")
    BALANCE_PROPOSED = "mentoring.balance.proposed", _("Pembagian pendamping diusulkan")
    BALANCE_CONFIRMED = "mentoring.balance.confirmed", _("Pembagian pendamping dikonfirmasi")
    ENGAGEMENT_ASSIGNED = "mentoring.engagement.assigned", _("UMKM dirujuk ke pendamping")
    ENGAGEMENT_INTAKE = "mentoring.engagement.intake", _("Asesmen awal: kondisi awal dicatat")
    ENGAGEMENT_ACTIVATED = "mentoring.engagement.activated", _("Pendampingan aktif")
    ENGAGEMENT_HELD = "mentoring.engagement.held", _("Pendampingan ditunda")
    ENGAGEMENT_COMPLETED = "mentoring.engagement.completed", _("Pendampingan selesai")
    ENGAGEMENT_DROPPED = "mentoring.engagement.dropped", _("Pendampingan berhenti")
    VISIT_PLANNED = "mentoring.engagement.visit_planned", _("Kunjungan berikutnya direncanakan")
    SESSION_RECORDED = "mentoring.session.recorded", _("Sesi pendampingan dicatat")
    SESSION_CONFIRMED = "mentoring.session.confirmed", _("Sesi dikonfirmasi pemilik")
    GOAL_ADDED = "mentoring.goal.added", _("Sasaran ditambahkan")
    GOAL_MET = "mentoring.goal.met", _("Sasaran tercapai")
    GOAL_PROVEN = "mentoring.goal.proven", _("Sasaran tercapai (terbukti dari data)")
    TASK_ADDED = "mentoring.task.added", _("Tugas ditambahkan")
    TASK_DONE = "mentoring.task.done", _("Tugas selesai")
