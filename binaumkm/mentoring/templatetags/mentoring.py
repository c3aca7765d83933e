"""Template filters of mentoring: the balancer's reasons in the reader's language, state colours."""

from django import template
from django.utils.translation import gettext as _

from binaumkm.registry.choices import KbliSection

from .. import baseline
from ..models import Topic

register = template.Library()


def _topics(codes) -> str:
    labels = dict(Topic.choices)
    return ", ".join(str(labels.get(c, c)) for c in codes)


def reason_text(code: str, params: dict) -> str:
    """One reason the balancer gives for a proposal."""
    if code == "topics":
        return _("Keahlian cocok: %(topics)s") % {"topics": _topics(params.get("topics", []))}
    if code == "topics_missing":
        return _("Kebutuhan lain: %(topics)s") % {"topics": _topics(params.get("topics", []))}
    if code == "sector":
        sector = params.get("sector", "")
        return _("Menguasai sektor %(sector)s") % {"sector": dict(KbliSection.choices).get(sector, sector)}
    if code == "load":
        return _("Beban sekarang %(load)d dari %(capacity)d") % {
            "load": params.get("load", 0), "capacity": params.get("capacity", 0)}  # fmt: skip
    texts = {
        "same_kelurahan": _("Tinggal di kelurahan yang sama"),
        "neighbour": _("Tinggal di kelurahan tetangga"),
        "kecamatan": _("Melayani kecamatan ini"),
        "continuity": _("Pernah mendampingi UMKM ini"),
        "manual": _("Dipilih staf"),
    }
    return str(texts.get(code, code))


@register.filter
def reason_list(reasons) -> list[str]:
    return [reason_text(code, params or {}) for code, params in (reasons or [])]


@register.filter
def state_badge(state: str) -> str:
    return {
        "dirujuk": "secondary", "asesmen": "info", "aktif": "success", "ditunda": "warning",
        "selesai": "dark", "berhenti": "danger",
    }.get(state, "secondary")  # fmt: skip


@register.filter
def topic_labels(codes) -> str:
    return _topics(codes or [])


@register.filter
def band_label(code: str) -> str:
    return str(baseline.BAND_LABELS.get(code or "", code))


@register.filter
def stage_label(code: str) -> str:
    return str(baseline.DIGITAL_STAGES.get(code, code or "–"))


@register.filter
def minutes_hours(minutes) -> str:
    """ "1 j 30 m" for 90 minutes."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)d menit") % {"m": rest}
    return (_("%(h)d jam %(m)d menit") if rest else _("%(h)d jam")) % {"h": hours, "m": rest}


@register.filter
def change_percent(value) -> str:
    """A relative change as "+12%" / "−5%" ("–" when unknown)."""
    if value is None:
        return "–"
    percent = round(value * 100)
    if percent == 0:
        return "0%"  # not "−0%" for a small fall
    return f"{percent:+d}%".replace("-", "−")


@register.filter
def share_percent(value) -> str:
    """A share (0–1) as "45%" ("–" when unknown)."""
    return "–" if value is None else f"{value * 100:.0f}%"
