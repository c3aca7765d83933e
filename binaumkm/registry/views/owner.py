"""Owner self-service: sign up, register businesses and products, report monthly turnover."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import role_required
from binaumkm.accounts.roles import Role
from binaumkm.core.charts import bar_chart

from .. import selectors, services
from ..forms import BusinessForm, ProductForm, SignupForm, TurnoverForm
from ..models import Owner, TurnoverReport
from .common import apply_service_errors

owner_required = role_required(Role.OWNER)


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.owner_signup(
                full_name=data["full_name"], phone=data["phone"], email=data["email"], nik=data["nik"],
                gender=data["gender"], password=data["password"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            login(request, user, backend="binaumkm.accounts.backends.PhoneOrEmailBackend")
            messages.success(request, _("Akun Anda sudah dibuat. Sekarang daftarkan usaha Anda."))
            return redirect("registry:my_business_create")
    return render(request, "registry/owner/signup.html", {"form": form})


def _my_owner(request) -> Owner:
    return get_object_or_404(Owner, user=request.user)


@owner_required
def my_businesses(request):
    businesses = selectors.business_owned(actor=request.user).order_by("name")
    return render(request, "registry/owner/my_businesses.html", {"businesses": businesses})


@owner_required
def business_create(request):
    owner = _my_owner(request)
    form = BusinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            business = services.business_create(actor=request.user, owner=owner, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Usaha terdaftar dan menunggu verifikasi dinas. Tambahkan produk Anda.")
            )
            return redirect("registry:my_business_detail", pk=business.pk)
    return render(request, "registry/owner/business_form.html", {"form": form, "creating": True})


def _my_business(request, pk):
    """Only the owner's own business: another owner's is a 404."""
    return get_object_or_404(selectors.business_owned(actor=request.user), pk=pk)


@owner_required
def business_detail(request, pk):
    business = _my_business(request, pk)
    series = selectors.turnover_series(business=business, months=12)
    chart = bar_chart(
        [(f"{r.period:%m/%y}", r.turnover) for r in series], title=_("Omzet bulanan"), money=True
    )
    return render(
        request,
        "registry/owner/business_detail.html",
        {
            "business": business,
            "products": business.products.all(),
            "chart": chart,
            "reports": series[::-1][:6],
        },
    )


@owner_required
def business_edit(request, pk):
    business = _my_business(request, pk)
    form = BusinessForm(request.POST or None, instance=business)
    if request.method == "POST" and form.is_valid():
        try:
            services.business_update(actor=request.user, business=business, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Data usaha disimpan."))
            return redirect("registry:my_business_detail", pk=business.pk)
    return render(request, "registry/owner/business_form.html", {"form": form, "business": business})


@owner_required
def product_create(request, pk):
    business = _my_business(request, pk)
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.product_create(actor=request.user, business=business, data=form.cleaned_data)
        messages.success(request, _("Produk ditambahkan."))
        return redirect("registry:my_business_detail", pk=business.pk)
    return render(request, "registry/owner/product_form.html", {"form": form, "business": business})


@owner_required
def product_edit(request, pk, product_pk):
    business = _my_business(request, pk)
    product = selectors.product_get(actor=request.user, business=business, pk=product_pk)
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    if request.method == "POST" and form.is_valid():
        services.product_update(actor=request.user, product=product, data=form.cleaned_data)
        messages.success(request, _("Produk disimpan."))
        return redirect("registry:my_business_detail", pk=business.pk)
    return render(
        request, "registry/owner/product_form.html", {"form": form, "business": business, "product": product}
    )


@owner_required
@require_POST
def product_delete(request, pk, product_pk):
    business = _my_business(request, pk)
    product = selectors.product_get(actor=request.user, business=business, pk=product_pk)
    services.product_delete(actor=request.user, product=product)
    messages.success(request, _("Produk dihapus."))
    return redirect("registry:my_business_detail", pk=business.pk)


@owner_required
def turnover(request, pk):
    business = _my_business(request, pk)
    form = TurnoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.turnover_report_save(
                actor=request.user, business=business, period=form.cleaned_data["period"],
                turnover=form.cleaned_data["turnover"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Omzet bulan itu disimpan."))
            return redirect("registry:my_turnover", pk=business.pk)
    reports = TurnoverReport.objects.filter(business=business).order_by("-period")[:24]
    return render(
        request, "registry/owner/turnover.html", {"business": business, "form": form, "reports": reports}
    )
