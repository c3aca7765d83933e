"""Agency admins manage agency accounts and what each role may do; staff pass on set-password links."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, form_view

from . import selectors, services
from .forms import AgencyAccountForm, RolePermissionsForm
from .invitations import invitation_response


@permission_required("accounts.view_user")
def user_list(request):
    form = AgencyAccountForm(request.POST or None)
    context = {"form": form, "users": selectors.agency_users(actor=request.user)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _created = services.account_create(
                actor=request.user, role=data["role"], full_name=data["full_name"], phone=data["phone"],
                email=data["email"],
            )  # fmt: skip
            invitation = services.invitation_create(actor=request.user, user=user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return invitation_response(request, invitation, back=reverse("accounts:user_list"))
    return render(request, "accounts/user_list.html", context)


@permission_required("accounts.invite_user", "accounts.add_user")
@require_POST
def user_invite(request, pk):
    """A new one-time link to set a password, shown once on this page (never in a message cookie)."""
    user = selectors.user_get(actor=request.user, pk=pk, action="invite")
    invitation = services.invitation_create(actor=request.user, user=user)
    return invitation_response(request, invitation, back=request.POST.get("back", ""))


@permission_required("auth.view_group")
def role_list(request):
    return render(request, "accounts/role_list.html", {"roles": selectors.roles(actor=request.user)})


@permission_required("auth.change_group")
def role_edit(request, role):
    group = selectors.role_get(actor=request.user, role=role)
    form = RolePermissionsForm(
        request.POST or None, queryset=selectors.assignable_permissions(),
        initial={"permissions": list(group.permissions.all())},
    )  # fmt: skip
    return form_view(
        request, form=form, template="accounts/role_form.html", context={"group": group},
        save=lambda data: services.role_permissions_set(
            actor=request.user, role=group.name, permissions=list(data["permissions"])
        ),
        success=_("Izin peran disimpan."), next_url="accounts:role_list",
    )  # fmt: skip
