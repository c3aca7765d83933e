from django.apps import apps
from django.utils.translation import get_language

from .conf import site as site_settings


def site(request):
    """Agency settings and the role-aware navigation: each app's AppConfig may define
    ``navigation(user) -> list[tuple[label, url]]``."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        for config in apps.get_app_configs():
            items = getattr(config, "navigation", None)
            if items:
                nav.extend(items(user))
    values = site_settings()
    if (get_language() or "").startswith("en") and values.get("CITY_NAME_EN"):
        # English screens name the city in English; official documents keep the Indonesian name.
        values = {**values, "CITY_NAME": values["CITY_NAME_EN"]}
    return {"site": values, "nav_items": nav}
