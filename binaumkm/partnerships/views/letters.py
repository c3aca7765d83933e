"""Warning letters: one-click issue, PDF download, follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.core.pdf import pdf_response

from .. import letters, selectors
from ..forms import LetterForm, LetterStatusForm
from ..models import LetterStatus
from .common import flash_errors


def _back(request, default):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@agency_required
@require_POST
def letter_create(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    form = LetterForm(request.POST)
    default = reverse("partnerships:store_detail", args=[store.pk])
    if not form.is_valid():
        flash_errors(request, ValidationError([e for errors in form.errors.values() for e in errors]))
        return _back(request, default)
    try:
        letter = letters.letter_create(
            actor=request.user, store=store, deadline=form.cleaned_data.get("deadline")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _back(request, default)
    messages.success(request, format_html(
        '{} <a href="{}" class="alert-link">{}</a>',
        _("Surat peringatan %(number)s dibuat untuk %(store)s.") % {"number": letter.number, "store": store.name},
        reverse("partnerships:letter_pdf", args=[letter.pk]), _("Unduh PDF"),
    ))  # fmt: skip
    return _back(request, default)


@login_required
def letter_pdf(request, pk):
    """Staff, or a manager of the store the letter was sent to."""
    letter = selectors.letter_get(actor=request.user, pk=pk)
    return pdf_response(letters.letter_pdf(letter), letter.filename)


@agency_required
def letter_list(request):
    qs = selectors.letter_visible(actor=request.user).select_related("store__kelurahan__kecamatan")
    status = request.GET.get("status")
    if status in LetterStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-issued_on", "-seq"), 25).get_page(request.GET.get("page"))
    return render(request, "partnerships/staff/letter_list.html", {
        "page_obj": page, "status": status, "statuses": LetterStatus.choices, "status_form": LetterStatusForm(),
    })  # fmt: skip


@agency_required
@require_POST
def letter_status(request, pk):
    letter = selectors.letter_get(actor=request.user, pk=pk)
    form = LetterStatusForm(request.POST)
    if form.is_valid():
        try:
            letters.letter_set_status(actor=request.user, letter=letter, status=form.cleaned_data["status"],
                                      note=form.cleaned_data["note"])  # fmt: skip
            messages.success(
                request, _("Tindak lanjut surat %(number)s dicatat.") % {"number": letter.number}
            )
        except ValidationError as exc:
            flash_errors(request, exc)
    else:
        messages.error(request, _("Pilih tindak lanjut surat."))
    return _back(request, reverse("partnerships:letter_list"))
