from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CATALOGUE = ("provider", "branch", "scheme")
WORK = ("document", "referral", "followup", "nominationlist")


class FinancingConfig(AppConfig):
    name = "binaumkm.financing"
    label = "financing"
    verbose_name = _("Fasilitasi pembiayaan")

    role_permissions = {
        "staf_dinas": [
            *(f"financing.{verb}_{model}" for model in CATALOGUE + WORK for verb in ("view", "add", "change")),
            "financing.verify_document", "financing.send_referral", "financing.reverse_referral_step",
            "financing.view_financing_report",
        ],
        "admin_dinas": [f"financing.delete_{model}" for model in CATALOGUE],
        "pemilik_umkm": ["financing.request_financing"],
        "petugas_bank": ["financing.handle_referral"],
        "pendamping": ["financing.record_followup"],
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        if holds(user, "financing.view_referral"):
            return [(_("Pembiayaan"), reverse("financing:board"))]
        if holds(user, "financing.handle_referral"):
            return [(_("Rujukan bank"), reverse("financing:bank_list"))]
        items = []
        if holds(user, "financing.request_financing"):
            items.append((_("Pembiayaan"), reverse("financing:my_financing")))
        if holds(user, "financing.record_followup"):
            items.append((_("Tindak lanjut pembiayaan"), reverse("financing:followup_list")))
        return items

    def home_url(self, user):
        """Bank officers start at their referral list (staff and owners are claimed earlier)."""
        from binaumkm.core.policy import holds

        if holds(user, "financing.handle_referral") and not holds(user, "financing.view_referral"):
            return reverse("financing:bank_list")
        return None

    def todo_items(self, user):
        from .selectors import todo_items

        return todo_items(actor=user)

    def timeline(self, business, since=None):
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_referred, businesses_with_disbursement

        return [
            FunnelStep("financing_referred", str(_("Dirujuk ke bank")), businesses_referred),
            FunnelStep("financing_disbursed", str(_("Pembiayaan cair")), businesses_with_disbursement),
        ]

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors import personal_data_for

        return personal_data_for(owner)

    def open_datasets(self):
        """Public aggregates this module publishes (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "financing.view_financing_report"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
