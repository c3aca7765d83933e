"""The page where a user makes and revokes their personal API tokens. A new token is shown once, on
the answer to the POST that made it; only its hash is kept."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, posted_id, run_action

from . import selectors, services
from .forms import TokenForm
from .policy import USE_API


@permission_required(USE_API)
def tokens(request):
    form = TokenForm()
    new_token = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            run_action(
                request,
                lambda: services.token_revoke(actor=request.user, pk=posted_id(request, "revoke")),
                _("Token dicabut. Aplikasi yang memakainya tidak bisa masuk lagi."),
            )
            return redirect("api:tokens")
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                _token, new_token = services.token_create(
                    actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                form = TokenForm()
    return render(request, "api/tokens.html", {
        "form": form, "new_token": new_token, "tokens": selectors.tokens_own(actor=request.user),
    }, status=400 if form.errors else 200)  # fmt: skip
