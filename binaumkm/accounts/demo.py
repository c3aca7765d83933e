"""Demo accounts for the agency. Other roles' accounts are created by the app that gives them data."""

from django.utils.translation import gettext as _

from binaumkm.core.demo import demo_user

from .roles import Role


def seed(ctx):
    admin = demo_user("admin", full_name="Admin Dinas", role=Role.ADMIN, email="admin@example.com")
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    demo_user("staf", full_name="Rina Kurniawati", role=Role.STAFF, email="staf@example.com")
    demo_user("pendamping", full_name="Bambang Hartono", role=Role.MENTOR, email="pendamping@example.com")


def logins(ctx):
    ctx.add_login(_("Admin dinas"), "admin")
    ctx.add_login(_("Staf dinas"), "staf")
    ctx.add_login(_("Pendamping (mentor)"), "pendamping")
