"""Warning letters: one-click issue, PDF download, follow-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pdf import pdf_response
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import flash_errors, run_action

from .. import selectors, services
from ..forms import LetterForm, LetterStatusForm
from ..models import LetterStatus
from ..policy import OWN_STORE


def _back(request, default):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


@permission_required("partnerships.send_warning_letter")
@require_POST
def letter_create(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk, action="send_letter")
    form = LetterForm(request.POST)
    default = reverse("partnerships:store_detail", args=[store.pk])
    if not form.is_valid():
        flash_errors(request, ValidationError([e for errors in form.errors.values() for e in errors]))
        return _back(request, default)
    try:
        letter = services.letter_create(
            actor=request.user, store=store, deadline=form.cleaned_data.get("deadline")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return _back(request, default)
    text = _("Surat peringatan %(number)s dibuat untuk %(store)s.") % {
        "number": letter.number,
        "store": store.name,
    }
    link = reverse("partnerships:letter_pdf", args=[letter.pk])
    messages.success(
        request, format_html('{} <a href="{}" class="alert-link">{}</a>', text, link, _("Unduh PDF"))
    )
    return _back(request, default)


@permission_required("partnerships.view_warningletter", OWN_STORE)
def letter_pdf(request, pk):
    """Staff, or a manager of the store the letter was sent to."""
    letter = selectors.letter_get(actor=request.user, pk=pk)
    return pdf_response(services.letter_pdf(letter), letter.filename)


@permission_required("partnerships.view_warningletter")
def letter_list(request):
    status = request.GET.get("status")
    letters = selectors.letter_list(actor=request.user, status=status)
    context = {
        "page_obj": Paginator(letters, 25).get_page(request.GET.get("page")),
        "status": status,
        "statuses": LetterStatus.choices,
        "status_form": LetterStatusForm(),
    }
    return render(request, "partnerships/staff/letter_list.html", context)


@permission_required("partnerships.change_warningletter")
@require_POST
def letter_status(request, pk):
    letter = selectors.letter_get(actor=request.user, pk=pk, action="change")
    form = LetterStatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_action(
            request,
            lambda: services.letter_set_status(
                actor=request.user, letter=letter, status=data["status"], note=data["note"]
            ),
            _("Tindak lanjut surat %(number)s dicatat.") % {"number": letter.number},
        )
    else:
        messages.error(request, _("Pilih tindak lanjut surat."))
    return _back(request, reverse("partnerships:letter_list"))
