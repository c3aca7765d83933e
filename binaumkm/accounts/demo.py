"""Demo accounts for the agency. Other roles' accounts are created by the app that gives them data."""

from django.utils.translation import gettext as _

from binaumkm.core.demo import DEMO_PASSWORD

from .models import User
from .roles import Role, assign_role


def demo_user(username: str, *, full_name: str, role: str, email: str = "", phone: str | None = None):
    """Create (or fetch) a demo account with the shared demo password and a role."""
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": email, "phone": phone}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    assign_role(user, role)
    return user


def seed(ctx):
    # The admin's powers come from the admin role's permissions (data), not from is_superuser.
    demo_user("admin", full_name="Admin Dinas", role=Role.ADMIN, email="admin@example.com")
    demo_user("staf", full_name="Rina Kurniawati", role=Role.STAFF, email="staf@example.com")
    demo_user("pendamping", full_name="Bambang Hartono", role=Role.MENTOR, email="pendamping@example.com")


def logins(ctx):
    ctx.add_login(_("Admin dinas"), "admin")
    ctx.add_login(_("Staf dinas"), "staf")
    ctx.add_login(_("Pendamping (mentor)"), "pendamping")
