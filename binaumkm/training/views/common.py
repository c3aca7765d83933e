from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def apply_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages or [_("Data tidak valid.")])


def run_action(request, action, success: str) -> bool:
    """Call a service; on refusal show its messages. Returns True when it succeeded."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True
