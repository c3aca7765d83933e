from django.apps import apps

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
    return {"site": site_settings(), "nav_items": nav}
