"""The one error path and the one generic form view every app's views use.

A view validates a form, calls one service, and on the service's ``ValidationError`` shows it on the
form (per field where the field exists) or as messages; on success it adds a message and redirects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def apply_service_errors(form, exc: ValidationError, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: per field where the field exists."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            field = rename.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages or [_("Data tidak valid.")])


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def run_action(request: HttpRequest, action: Callable[[], Any], success: str = "") -> bool:
    """Call a service for a button (no form); on refusal show its messages. True when it succeeded."""
    try:
        action()
    except ValidationError as exc:
        flash_errors(request, exc)
        return False
    if success:
        messages.success(request, success)
    return True


def form_view(
    request: HttpRequest,
    *,
    form,
    template: str,
    save: Callable[[dict[str, Any]], Any],
    success: Callable[[Any], str] | str,
    next_url: Callable[[Any], str] | str,
    context: dict[str, Any] | None = None,
    forms: tuple = (),
    status: int = 200,
) -> HttpResponse:
    """GET shows the form; a valid POST calls ``save(cleaned_data)`` (one service call), then adds the
    success message and redirects to ``next_url``; a refusal re-shows the form with what was typed.
    ``forms`` are further forms validated together with ``form`` (their data reaches ``save`` too)."""
    every = (form, *forms)
    if request.method == "POST" and all(f.is_valid() for f in every):
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            target = next((f for f in every if set(getattr(exc, "error_dict", {})) & set(f.fields)), form)
            apply_service_errors(target, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **(context or {})}, status=status)


def posted_id(request: HttpRequest, name: str) -> int:
    """The id a form posts in ``name`` (a hidden input or a button's value), or 0 when it is missing
    or not a whole number: a lookup by 0 finds nothing, so a tampered value answers like a stale one."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0
