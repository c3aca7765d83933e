from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Staff run every exhibition; the budget override and deletions of money records are the admin's.
STAFF_MODELS = (
    "exhibition", "venue", "boothcategory", "booth", "curator", "curationcriterion", "exhibitionphoto",
    "budgetline", "budgetrealisation", "application", "assignment", "checkin",
)  # fmt: skip
CURATE = "exhibitions.curate_exhibition"
OWN = "exhibitions.apply_own_business"


class ExhibitionsConfig(AppConfig):
    name = "binaumkm.exhibitions"
    label = "exhibitions"
    verbose_name = _("Pameran")

    role_permissions = {
        "staf_dinas": [
            *(f"exhibitions.{verb}_{model}" for model in STAFF_MODELS for verb in ("view", "add", "change")),
            "exhibitions.view_salesreport",
            "exhibitions.view_curationreview",
            "exhibitions.delete_exhibition",
            "exhibitions.delete_curator",
            "exhibitions.delete_curationcriterion",
            "exhibitions.delete_exhibitionphoto",
            CURATE,  # staff may sit on a panel; they score only the exhibitions whose panel they are on
        ],
        "admin_dinas": ["exhibitions.override_budget"],
        "pemilik_umkm": [OWN],
        "pendamping": [CURATE],  # mentors often sit on curation panels
    }

    def navigation(self, user):
        from binaumkm.core.policy import holds

        items = []
        if holds(user, "exhibitions.view_exhibition"):
            items.append((_("Pameran"), reverse("exhibitions:exhibition_list")))
        elif holds(user, OWN):
            items.append((_("Pameran"), reverse("exhibitions:index")))
        if holds(user, CURATE):
            from binaumkm.core import freshness

            from . import selectors

            # On every page of a curator's menu: kept until the data changes (core.freshness).
            curates = freshness.remember(
                f"exhibitions:curates:{user.pk}", lambda: selectors.curated_exhibitions(actor=user).exists()
            )
            if curates:
                items.append((_("Kurasi"), reverse("exhibitions:curator_home")))
        return items

    def todo_items(self, user):
        from . import selectors

        return selectors.todo_items(actor=user)

    def timeline(self, business, since=None):
        from . import selectors

        return selectors.business_timeline(business=business, since=since)

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors.personal import personal_data_for

        return personal_data_for(owner)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors.event import businesses_exhibited

        return [FunnelStep("exhibited", str(_("Ikut pameran")), businesses_exhibited)]

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "exhibitions.view_application"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
