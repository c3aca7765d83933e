"""Owner self-service: sign up, claim a record staff created, register businesses and products,
report monthly turnover."""

from django.contrib.auth import login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.ratelimit import claim_limiter, signup_allowed
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..charts import turnover_chart
from ..forms import BusinessForm, ClaimAccountForm, ClaimForm, ProductForm, SignupForm, TurnoverForm
from ..policy import OWN

owner_required = permission_required(OWN)
TIMELINE_PREVIEW = 8
TIMELINE_PAGE = 50


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and not signup_allowed(request, request.POST.get("phone", "")):
        form.is_valid()
        form.add_error(None, _("Terlalu banyak pendaftaran dari sini. Coba lagi dalam satu jam."))
        return render(request, "registry/owner/signup.html", {"form": form}, status=429)

    def save(data):
        # The same answer whether or not the NIK, phone or e-mail is already held: no login here
        # (a new session cookie would tell), the next page is the same for everyone.
        services.owner_signup(
            full_name=data["full_name"], phone=data["phone"], email=data["email"], nik=data["nik"],
            gender=data["gender"], password=data["password"],
        )  # fmt: skip

    return form_view(
        request, form=form, template="registry/owner/signup.html", save=save,
        success=_("Pendaftaran Anda sudah kami terima."), next_url="registry:signup_done",
    )  # fmt: skip


def signup_done(request):
    """What happens next, worded for both cases (new account, or data already held)."""
    return render(request, "registry/owner/signup_done.html")


def claim(request):
    """Link the record staff created to an account, with the NIK and the code from the slip."""
    signed_in = request.user.is_authenticated
    form = ClaimForm(request.POST or None)
    account_form = None if signed_in else ClaimAccountForm(request.POST or None)
    extra = () if account_form is None else (account_form,)
    context = {"account_form": account_form}
    limiter = claim_limiter(request, request.POST.get("nik", ""))
    if request.method == "POST":
        decision = limiter.login_check()
        if not decision.allowed:
            for each in (form, *extra):
                each.is_valid()
            minutes = max(1, -(-decision.retry_after // 60))
            form.add_error(
                None, _("Terlalu banyak percobaan kode klaim. Coba lagi dalam %(n)d menit.") % {"n": minutes}
            )
            response = render(request, "registry/owner/claim.html", {"form": form, **context}, status=429)
            response["Retry-After"] = str(decision.retry_after)
            return response

    def save(data):
        try:
            user = services.owner_claim(
                actor=request.user if signed_in else None, nik=data["nik"], code=data["code"],
                account=None if account_form is None else account_form.cleaned_data,
            )  # fmt: skip
        except services.ClaimRefused:
            limiter.login_failed()
            raise
        if not signed_in:
            login(request, user, backend="binaumkm.accounts.backends.PhoneOrEmailBackend")
        return user

    return form_view(
        request, form=form, forms=extra, template="registry/owner/claim.html", save=save, context=context,
        success=_("Data Anda sudah tertaut ke akun ini."), next_url="registry:my_businesses",
    )  # fmt: skip


@owner_required
def my_businesses(request):
    """The owner's home: their businesses and what to do next, gathered from every module."""
    businesses = selectors.business_owned_kept(actor=request.user)
    return render(
        request,
        "registry/owner/my_businesses.html",
        {"businesses": businesses, "todos": selectors.todo_for(request.user)},
    )


@owner_required
def business_create(request):
    owner = selectors.owner_own(actor=request.user)
    return form_view(
        request, form=BusinessForm(request.POST or None), template="registry/owner/business_form.html",
        context={"creating": True},
        save=lambda data: services.business_create(actor=request.user, owner=owner, data=data),
        success=_("Usaha terdaftar dan menunggu verifikasi dinas. Tambahkan produk Anda."),
        next_url=lambda business: business.get_owner_url(),
    )  # fmt: skip


def _my_business(request, pk):
    """Only the owner's own business: another owner's is a 404."""
    return selectors.business_get(actor=request.user, pk=pk, action="own")


@owner_required
def business_detail(request, pk):
    business = _my_business(request, pk)
    series = selectors.turnover_series(business=business, months=12)
    chart = turnover_chart(series)
    return render(
        request,
        "registry/owner/business_detail.html",
        {
            "business": business,
            "products": business.products.all(),
            "chart": chart,
            "reports": series[::-1][:6],
            "timeline": selectors.business_touchpoints(business)[:TIMELINE_PREVIEW],
            "presence_count": selectors.presence_list(
                actor=request.user, business=business, action="own"
            ).count(),
        },
    )


@owner_required
def business_timeline(request, pk):
    """Every help the business received from the agency's programmes, newest first."""
    business = _my_business(request, pk)
    page = Paginator(selectors.business_touchpoints(business), TIMELINE_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/owner/business_timeline.html", {"business": business, "page_obj": page})


@owner_required
def business_edit(request, pk):
    business = _my_business(request, pk)
    return form_view(
        request, form=BusinessForm(request.POST or None, instance=business),
        template="registry/owner/business_form.html", context={"business": business},
        save=lambda data: services.business_update(actor=request.user, business=business, data=data),
        success=_("Data usaha disimpan."), next_url=business.get_owner_url(),
    )  # fmt: skip


@owner_required
def product_create(request, pk):
    business = _my_business(request, pk)
    return form_view(
        request, form=ProductForm(request.POST or None, request.FILES or None),
        template="registry/owner/product_form.html", context={"business": business},
        save=lambda data: services.product_create(actor=request.user, business=business, data=data),
        success=_("Produk ditambahkan."), next_url=business.get_owner_url(),
    )  # fmt: skip


@owner_required
def product_edit(request, pk, product_pk):
    business = _my_business(request, pk)
    product = selectors.product_get(actor=request.user, business=business, pk=product_pk, action="own")
    return form_view(
        request, form=ProductForm(request.POST or None, request.FILES or None, instance=product),
        template="registry/owner/product_form.html", context={"business": business, "product": product},
        save=lambda data: services.product_update(actor=request.user, product=product, data=data),
        success=_("Produk disimpan."), next_url=business.get_owner_url(),
    )  # fmt: skip


@owner_required
@require_POST
def product_delete(request, pk, product_pk):
    business = _my_business(request, pk)
    product = selectors.product_get(actor=request.user, business=business, pk=product_pk, action="own")
    run_action(
        request, lambda: services.product_delete(actor=request.user, product=product), _("Produk dihapus.")
    )
    return redirect(business.get_owner_url())


@owner_required
def turnover(request, pk):
    business = _my_business(request, pk)
    return form_view(
        request, form=TurnoverForm(request.POST or None), template="registry/owner/turnover.html",
        context={"business": business, "reports": selectors.turnover_recent(business=business, months=24)},
        save=lambda data: services.turnover_report_save(
            actor=request.user, business=business, period=data["period"], turnover=data["turnover"]
        ),
        success=_("Omzet bulan itu disimpan."), next_url=reverse("registry:my_turnover", args=[business.pk]),
    )  # fmt: skip
