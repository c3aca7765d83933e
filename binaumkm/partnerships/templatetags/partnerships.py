"""Template filters of the partnership module."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaumkm.core.rendering import quick_format_html
from binaumkm.registry.choices import ProductCategory

from ..models import StoreStatus, StoreType

register = template.Library()


def reason_text(code: str, params: dict) -> str:
    """One matchmaking reason in the user's language."""
    if code == "category":
        categories = ", ".join(
            str(dict(ProductCategory.choices).get(c, c)).lower() for c in params.get("categories", [])
        )
        kind = str(dict(StoreType.choices).get(params.get("store_type"), params.get("store_type"))).lower()
        return _("Produk %(categories)s cocok untuk %(type)s") % {"categories": categories, "type": kind}
    if code == "ready":
        n = params.get("n", 0)
        return ngettext(
            "%(n)d produk siap ritel (harga jelas, izin pangan lengkap)",
            "%(n)d produk siap ritel (harga jelas, izin pangan lengkap)",
            n,
        ) % {"n": n}
    if code == "exposure":
        n = params.get("n", 0)
        if not n:
            return _("Belum punya mitra toko modern: didahulukan agar kesempatan merata")
        return ngettext(
            "Sudah bermitra atau ditawari di %(n)d toko: diberi bobot lebih rendah",
            "Sudah bermitra atau ditawari di %(n)d toko: diberi bobot lebih rendah",
            n,
        ) % {"n": n}
    texts = {
        "halal": _("Produk pangan bersertifikat halal"),
        "no_halal": _("Produk pangan belum bersertifikat halal"),
        "same_kelurahan": _("Satu kelurahan dengan toko"),
        "same_kecamatan": _("Satu kecamatan dengan toko"),
        "city": _("Masih dalam kota"),
        "active": _("Usaha aktif dan terverifikasi"),
        "stagnant": _("Usaha terverifikasi, sedang stagnan"),
    }
    return texts.get(code, code)


@register.filter
def reason_list(reasons) -> list[str]:
    return [reason_text(code, params or {}) for code, params in (reasons or [])]


@register.filter
def status_badge(status: str) -> str:
    """Bootstrap colour for a partnership status."""
    return {
        "diusulkan": "secondary", "diterima": "info", "dikonfirmasi": "primary", "aktif": "success",
        "berakhir": "dark", "ditolak": "danger", "dibatalkan": "light text-dark",
    }.get(status, "secondary")  # fmt: skip


@register.simple_tag
def compliance_badge(store, state):
    """A store's badge: closed, compliant or not yet (written in Python: the compliance dashboard
    shows it on every row)."""
    if store.status == StoreStatus.CLOSED:
        css, label = "text-bg-secondary", _("Tutup")
    elif getattr(state, "compliant", False):
        css, label = "text-bg-success", _("Patuh")
    else:
        css, label = "text-bg-danger", _("Belum patuh")
    return quick_format_html('<span class="badge {}">{}</span>\n', css, label)
