from django.apps import apps
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from .conf import site as site_settings

# An app whose ``navigation(user)`` reads nothing but the user's permissions says so with
# ``navigation_by_permission = True`` on its AppConfig: its items are then worked out once per
# permission set, language and URL prefix and reused (issue 14: the menu cost a page view ~30
# permission checks and ~20 reverse() calls). Apps that read data (exhibitions shows "Kurasi" to
# curators of an exhibition) leave it out and are asked on every page view.
_nav_memo: dict[tuple, tuple] = {}
_NAV_MEMO_SIZE = 1024


def _app_navigation(config, user, key) -> list:
    if not getattr(config, "navigation_by_permission", False):
        return config.navigation(user)
    memo_key = (config.label, key)
    items = _nav_memo.get(memo_key)
    if items is None:
        items = tuple(config.navigation(user))
        if len(_nav_memo) >= _NAV_MEMO_SIZE:  # direct grants could make many sets: stay bounded
            _nav_memo.clear()
        _nav_memo[memo_key] = items
    return list(items)


def navigation(user) -> list:
    """The menu: every app's ``navigation(user)`` items in app order. The memo's key is the set of
    permissions the user holds (a superuser's set names every permission, an inactive user's none),
    the language and where URLs are reversed from."""
    key = (
        frozenset(user.get_all_permissions()),
        get_language(),
        get_urlconf(),
        get_script_prefix(),
    )
    nav = []
    for config in apps.get_app_configs():
        if getattr(config, "navigation", None):
            nav.extend(_app_navigation(config, user, key))
    return nav


def site(request):
    """Agency settings and the role-aware navigation: each app's AppConfig may define
    ``navigation(user) -> list[tuple[label, url]]``."""
    user = getattr(request, "user", None)
    nav = navigation(user) if user is not None and user.is_authenticated else []
    values = site_settings()
    if (get_language() or "").startswith("en") and values.get("CITY_NAME_EN"):
        # English screens name the city in English; official documents keep the Indonesian name.
        values = {**values, "CITY_NAME": values["CITY_NAME_EN"]}
    return {"site": values, "nav_items": nav}
