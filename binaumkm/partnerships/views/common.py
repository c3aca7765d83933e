from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from .. import selectors


def apply_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages or [_("Data tidak valid.")])


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def agreement_download(request, pk):
    """The signed agreement: for staff, the store's managers and the business owner only."""
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    if not partnership.agreement:
        raise Http404
    return FileResponse(
        partnership.agreement.open("rb"), as_attachment=True, filename=f"perjanjian-{partnership.reference}.pdf",
        content_type="application/pdf",
    )  # fmt: skip
