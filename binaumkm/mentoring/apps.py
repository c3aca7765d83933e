from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MODELS = ("mentor", "programme", "engagement", "goal", "task")


class MentoringConfig(AppConfig):
    name = "binaumkm.mentoring"
    label = "mentoring"
    verbose_name = _("Pendampingan")

    role_permissions = {
        "staf_dinas": [
            *(f"mentoring.{verb}_{model}" for model in MODELS for verb in ("view", "add", "change")),
            "mentoring.view_session", "mentoring.add_session",
            "mentoring.balance_caseload", "mentoring.supervise_mentoring",
        ],
        "pendamping": ["mentoring.work_own_engagements"],
        "pemilik_umkm": ["mentoring.follow_own_mentoring"],
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        from .policy import MENTOR_OWN, OWNER_OWN, SUPERVISE

        if holds(user, "mentoring.view_engagement"):
            items = [(_("Pendampingan"), reverse("mentoring:engagement_list"))]
            if holds(user, SUPERVISE):
                items.append((_("Pengawasan"), reverse("mentoring:supervision")))
            return items
        if holds(user, MENTOR_OWN):
            return [(_("Pendampingan saya"), reverse("mentoring:portal"))]
        if holds(user, OWNER_OWN):
            return [(_("Pendampingan"), reverse("mentoring:my_mentoring"))]
        return []

    def home_url(self, user):
        """Mentors start at their portal (registry claims staff and owners first)."""
        from binaumkm.core.policy import holds

        from .policy import MENTOR_OWN

        return reverse("mentoring:portal") if holds(user, MENTOR_OWN) else None

    def todo_items(self, user):
        from .selectors import todo_items

        return todo_items(actor=user)

    def timeline(self, business, since=None):
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def business_facts(self, business_ids):
        """ "mentored": the date the UMKM's latest engagement became active (financing accepts
        mentoring in place of business age, see docs/architecture.md "AppConfig hooks")."""
        from .selectors import business_mentoring_facts

        return business_mentoring_facts(business_ids)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_mentored

        return [FunnelStep("mentored", str(_("Didampingi")), businesses_mentored)]

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors.personal import personal_data_for

        return personal_data_for(owner)

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "mentoring.view_engagement"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
