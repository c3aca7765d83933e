"""Who may manage API tokens (see ``core.policy``): every holder of ``api.use_api``, their own only."""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import ApiToken

USE_API = "api.use_api"


def _own() -> Grant:
    return Grant(USE_API, where=lambda user: Q(user=user))


POLICIES = [ModelPolicy(ApiToken, view=_own(), add=Grant(USE_API), revoke=_own())]
