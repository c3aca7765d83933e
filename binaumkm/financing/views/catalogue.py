"""Staff keep the scheme catalogue: providers, their branches and bank officers, schemes and terms."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.invitations import invitation_response
from binaumkm.core.conf import site
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, form_view, run_action

from .. import eligibility, selectors, services
from ..forms import BranchForm, OfficerForm, ProviderForm, SchemeForm
from .common import catalogue_required


@catalogue_required
def scheme_list(request):
    context = {"schemes": selectors.scheme_list(actor=request.user),
               "providers": selectors.provider_list(actor=request.user)}  # fmt: skip
    return render(request, "financing/catalogue/schemes.html", context)


def _scheme_save(request, form, scheme=None):
    def save(data):
        return services.scheme_save(actor=request.user, data={**data, **form.terms()},
                                    branches=list(data.get("branches") or []), scheme=scheme)  # fmt: skip

    return save


@permission_required("financing.add_scheme")
def scheme_create(request):
    form = SchemeForm(request.POST or None)
    return form_view(request, form=form, template="financing/catalogue/scheme_form.html", save=_scheme_save(request, form),
                     success=_("Skema disimpan."), next_url="financing:scheme_list")  # fmt: skip


@permission_required("financing.change_scheme")
def scheme_edit(request, pk):
    scheme = selectors.scheme_get(actor=request.user, pk=pk, action="change")
    form = SchemeForm(request.POST or None, instance=scheme)
    requirements = eligibility.requirement_texts(
        scheme.rules or [], scheme.documents or [], city=site()["CITY_NAME"]
    )
    return form_view(request, form=form, template="financing/catalogue/scheme_form.html",
                     context={"scheme": scheme, "requirements": requirements},
                     save=_scheme_save(request, form, scheme), success=_("Skema disimpan."),
                     next_url="financing:scheme_list")  # fmt: skip


@permission_required("financing.add_provider")
def provider_create(request):
    return form_view(request, form=ProviderForm(request.POST or None), template="financing/catalogue/provider_form.html",
                     save=lambda data: services.provider_save(actor=request.user, data=data),
                     success=_("Penyedia disimpan."), next_url="financing:scheme_list")  # fmt: skip


@permission_required("financing.change_provider")
def provider_edit(request, pk):
    provider = selectors.provider_get(actor=request.user, pk=pk, action="change")
    return form_view(request, form=ProviderForm(request.POST or None, instance=provider),
                     template="financing/catalogue/provider_form.html", context={"provider": provider},
                     save=lambda data: services.provider_save(actor=request.user, data=data, provider=provider),
                     success=_("Penyedia disimpan."), next_url="financing:scheme_list")  # fmt: skip


@permission_required("financing.add_branch")
def branch_create(request, pk):
    provider = selectors.provider_get(actor=request.user, pk=pk)
    return form_view(request, form=BranchForm(request.POST or None), template="financing/catalogue/branch_form.html",
                     context={"provider": provider},
                     save=lambda data: services.branch_save(actor=request.user, provider=provider, data=data),
                     success=_("Kantor disimpan."), next_url=lambda branch: reverse("financing:branch_edit", args=[branch.pk]))  # fmt: skip


@permission_required("financing.change_branch")
def branch_edit(request, pk):
    branch = selectors.branch_get(actor=request.user, pk=pk, action="change")
    return form_view(request, form=BranchForm(request.POST or None, instance=branch),
                     template="financing/catalogue/branch_form.html",
                     context={"branch": branch, "provider": branch.provider, "officer_form": OfficerForm()},
                     save=lambda data: services.branch_save(actor=request.user, provider=branch.provider, data=data, branch=branch),
                     success=_("Kantor disimpan."), next_url=reverse("financing:branch_edit", args=[branch.pk]))  # fmt: skip


@permission_required("financing.change_branch")
@require_POST
def branch_officer_add(request, pk):
    """Give someone the bank officer role at this branch; show the one-time set-password link once."""
    branch = selectors.branch_get(actor=request.user, pk=pk, action="change")
    form = OfficerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _user, invitation = services.branch_officer_add(
                actor=request.user,
                branch=branch,
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return invitation_response(
                request, invitation, back=reverse("financing:branch_edit", args=[branch.pk])
            )
    context = {
        "branch": branch,
        "provider": branch.provider,
        "form": BranchForm(instance=branch),
        "officer_form": form,
    }
    return render(request, "financing/catalogue/branch_form.html", context, status=400)


@permission_required("financing.change_branch")
@require_POST
def branch_officer_remove(request, pk, user_pk):
    branch = selectors.branch_get(actor=request.user, pk=pk, action="change")
    officer = selectors.branch_officer(branch, pk=user_pk)
    run_action(request, lambda: services.branch_officer_remove(actor=request.user, branch=branch, officer=officer),
               _("Petugas dilepas dari kantor ini."))  # fmt: skip
    return redirect("financing:branch_edit", pk=branch.pk)
