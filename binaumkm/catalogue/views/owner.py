"""The owner's side: consent per business, listings, submitting them for curation."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..apps import OWN
from ..forms import ConsentForm, ListingCreateForm, ListingForm


@permission_required(OWN)
def my_listings(request):
    context = {
        "businesses": selectors.my_businesses(actor=request.user),
        "listings": selectors.my_listings(actor=request.user),
    }
    return render(request, "catalogue/owner/my_listings.html", context)


@permission_required(OWN)
def consent_edit(request, pk):
    business = selectors.my_business_get(actor=request.user, pk=pk)
    consent = getattr(business, "catalogue_consent", None)
    initial = {"given": consent.given, "whatsapp": consent.whatsapp} if consent else {}
    form = ConsentForm(request.POST or None, initial=initial)
    return form_view(
        request,
        form=form,
        template="catalogue/owner/consent_form.html",
        save=lambda data: services.consent_set(
            actor=request.user, business=business, given=data["given"], whatsapp=data["whatsapp"]
        ),
        success=_("Pilihan tampil di katalog disimpan."),
        next_url=reverse("catalogue:my_listings"),
        context={"business": business},
    )


@permission_required(OWN)
def listing_create(request, pk):
    business = selectors.my_business_get(actor=request.user, pk=pk)
    products = list(selectors.unlisted_products(business=business))
    form = ListingCreateForm(request.POST or None, request.FILES or None, products=products)

    def save(data):
        product = next(p for p in products if str(p.pk) == data["product"])
        fields = {k: data[k] for k in ("name", "category", "price", "unit") if data.get(k) not in (None, "")}
        fields.update(description=data["description"], marketplace_url=data["marketplace_url"])
        return services.listing_create(
            actor=request.user, product=product, data=fields, photo=data.get("photo")
        )

    return form_view(
        request,
        form=form,
        template="catalogue/owner/listing_form.html",
        save=save,
        success=_("Produk disimpan sebagai draf. Ajukan kurasi bila sudah lengkap."),
        next_url=lambda listing: reverse("catalogue:my_listing_edit", args=[listing.pk]),
        context={"business": business, "creating": True},
    )


@permission_required(OWN)
def listing_edit(request, pk):
    listing = selectors.my_listing_get(actor=request.user, pk=pk)
    fields = ("name", "category", "price", "unit", "description", "marketplace_url")
    form = ListingForm(
        request.POST or None, request.FILES or None, initial={f: getattr(listing, f) for f in fields}
    )

    def save(data):
        return services.listing_update(
            actor=request.user, listing=listing, data={f: data[f] for f in fields}, photo=data.get("photo")
        )

    return form_view(
        request,
        form=form,
        template="catalogue/owner/listing_form.html",
        save=save,
        success=_("Perubahan disimpan."),
        next_url=reverse("catalogue:my_listing_edit", args=[listing.pk]),
        context={"business": listing.business, "listing": listing},
    )


@require_POST
@permission_required(OWN)
def listing_submit(request, pk):
    listing = selectors.my_listing_get(actor=request.user, pk=pk)
    run_action(
        request,
        lambda: services.listing_submit(actor=request.user, listing=listing),
        _("Produk diajukan untuk kurasi."),
    )
    return redirect("catalogue:my_listing_edit", pk=listing.pk)


@require_POST
@permission_required(OWN)
def listing_archive(request, pk):
    listing = selectors.my_listing_get(actor=request.user, pk=pk)
    run_action(
        request,
        lambda: services.listing_archive(actor=request.user, listing=listing),
        _("Produk diturunkan dari katalog."),
    )
    return redirect("catalogue:my_listings")
