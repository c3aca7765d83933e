"""Who may see and manage accounts (see ``core.policy``).

Agency admins hold the user permissions and manage every account; staff may create partner accounts
(store managers, outlet partners, mentors) and issue their set-password links, but never for an
agency account.
"""

from django.contrib.auth.models import Group
from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import User
from .roles import AGENCY_PERMISSION


def _not_agency(user) -> Q:
    app_label, codename = AGENCY_PERMISSION.split(".")
    agency = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return ~Q(pk__in=User.objects.filter(agency | Q(is_superuser=True)).values("pk"))


POLICIES = [
    ModelPolicy(
        User,
        view=Grant("accounts.view_user"),
        add=Grant("accounts.add_user"),
        invite=[Grant("accounts.add_user"), Grant("accounts.invite_user", where=_not_agency)],
        change=Grant("accounts.change_user"),
    ),
    ModelPolicy(Group, view=Grant("auth.view_group"), change=Grant("auth.change_group")),
]
