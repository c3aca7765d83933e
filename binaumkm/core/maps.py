"""The map of the city: a choropleth of its kelurahan with kecamatan outlines, as inline SVG.

No tiles and no CDN: the polygons ship with the project (``core/data``, see NOTICE-boundaries.md) and
are projected once per process on the server (``projected_map``, cached), so a page only fills in
colours. The projection is equirectangular with the longitude scaled by cos(latitude) at the city's
middle: across a city of ~10 km it is as true as Web Mercator and needs no trigonometry per point.

Each kelurahan is a link (to its filtered list, when the caller gives one) holding a ``<title>`` with
its value: shown on hover, read on focus. A table after the map gives every value for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import geo
from .charts import UNITS, Number, _ids, data_table

WIDTH = 360  # viewBox units, as the charts: text reads at its size on a phone
PAD = 4
LEGEND_ROW = 18
# ColorBrewer "Greens" (5 classes, sequential), the lightest still visible on white; no data: grey.
CLASSES = ("#e5f5e0", "#a1d99b", "#74c476", "#31a354", "#006d2c")
NO_DATA = "#f1f3f5"
SOURCE = "Batas wilayah: cahyadsn/wilayah_boundaries (MIT)"


@dataclass(frozen=True)
class ProjectedMap:
    width: int
    height: int  # of the map itself; the legend is drawn below it
    kelurahan: dict[str, tuple[str, str]]  # code -> (name, SVG path "d")
    kecamatan: dict[str, tuple[str, str]]


def _project(areas: list[geo.Area]):
    xs = [x for a in areas for ring in a.rings for x, _y in ring]
    ys = [y for a in areas for ring in a.rings for _x, y in ring]
    kx = math.cos(math.radians((min(ys) + max(ys)) / 2))
    scale = (WIDTH - 2 * PAD) / ((max(xs) - min(xs)) * kx)
    height = round((max(ys) - min(ys)) * scale + 2 * PAD)
    x0, y1 = min(xs), max(ys)

    def path(area: geo.Area) -> str:
        return " ".join(
            "M"
            + " L".join(
                f"{PAD + (x - x0) * kx * scale:.1f},{PAD + (y1 - y) * scale:.1f}" for x, y in ring[:-1]
            )
            + "Z"
            for ring in area.rings
        )

    return height, path


@lru_cache(maxsize=4)
def projected_map(kelurahan_file: str = "", kecamatan_file: str = "") -> ProjectedMap:
    """The city's polygons as SVG paths in a viewBox ``WIDTH`` wide (computed once per process)."""
    kelurahan = geo.read_areas(kelurahan_file or settings.BINAUMKM["BOUNDARY_FILE"])
    kecamatan = geo.read_areas(kecamatan_file or settings.BINAUMKM["KECAMATAN_BOUNDARY_FILE"])
    height, path = _project(list(kelurahan.values()))
    return ProjectedMap(
        width=WIDTH,
        height=height,
        kelurahan={code: (a.name, path(a)) for code, a in sorted(kelurahan.items())},
        kecamatan={code: (a.name, path(a)) for code, a in sorted(kecamatan.items())},
    )


def class_breaks(values: list[Number], classes: int = len(CLASSES)) -> list[Number]:
    """Upper bounds of up to ``classes`` quantile classes (the last is the maximum); fewer classes
    when there are fewer distinct values, so no class is empty."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    if len(ordered) <= classes:
        return ordered
    data = sorted(values)
    breaks: list[Number] = []
    for k in range(1, classes):
        bound = data[min(len(data) - 1, math.ceil(k * len(data) / classes) - 1)]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    if breaks[-1] < ordered[-1]:
        breaks.append(ordered[-1])
    return breaks


def class_of(value: Number, breaks: list[Number]) -> int:
    return next((i for i, bound in enumerate(breaks) if value <= bound), len(breaks) - 1)


def choropleth(
    values: Mapping[str, Number | None],
    *,
    title: str,
    description: str = "",
    unit: str = "count",
    links: Mapping[str, str] | None = None,
    shapes: ProjectedMap | None = None,
) -> SafeString:
    """The kelurahan coloured by ``values`` ({kelurahan code: value}; absent or None: no data),
    kecamatan outlined, a legend of classes, each kelurahan a link from ``links`` ({code: url})."""
    shapes = shapes or projected_map()
    fmt, links = UNITS[unit], links or {}
    known = {code: v for code, v in values.items() if v is not None and code in shapes.kelurahan}
    breaks = class_breaks(list(known.values()))
    colours = _palette(len(breaks))
    areas = []
    for code, (name, d) in shapes.kelurahan.items():
        value = known.get(code)
        fill = colours[class_of(value, breaks)] if value is not None else NO_DATA
        label = f"{name}: {fmt.full(value) if value is not None else _('tidak ada data')}"
        shape = format_html('<path d="{}" fill="{}" stroke="#ffffff" stroke-width="0.8"><title>{}</title></path>', d, fill, label)  # fmt: skip
        href = links.get(code)
        areas.append(
            format_html('<a href="{}" aria-label="{}" data-kode="{}">{}</a>', href, label, code, shape)
            if href
            else format_html('<g data-kode="{}">{}</g>', code, shape)
        )
    outlines = format_html_join(
        "", '<path d="{}" fill="none" stroke="#212529" stroke-width="1.6"></path>',
        ((d,) for _name, d in shapes.kecamatan.values()),
    )  # fmt: skip
    legend, legend_h = _legend(breaks, colours, fmt, shapes.height)
    height = shapes.height + legend_h + 16
    uid = f"map-{next(_ids)}"
    svg = format_html(
        '<svg class="map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" aria-labelledby="{u}-t" '
        'aria-describedby="{u}-d" font-family="DejaVu Sans, system-ui, sans-serif" font-size="12">'
        '<title id="{u}-t">{t}</title><desc id="{u}-d">{d}</desc><g class="map-areas">{a}</g>'
        '<g class="map-outlines" aria-hidden="true">{o}</g><g aria-hidden="true">{legend}'
        '<text x="{p}" y="{sy}" fill="#495057" font-size="9">{src}</text></g></svg>',
        w=WIDTH, h=height, u=uid, t=title, d=description or title, a=format_html_join("", "{}", ((a,) for a in areas)),
        o=outlines, legend=legend, p=PAD, sy=height - 4, src=SOURCE,
    )  # fmt: skip
    rows = [
        (name, fmt.full(known[code]) if code in known else _("tidak ada data"))
        for code, (name, _d) in sorted(shapes.kelurahan.items(), key=lambda item: item[1][0])
    ]
    return format_html(
        '<figure class="map-figure">{}{}</figure>', svg, data_table(title, [_("Kelurahan"), title], rows)
    )


def _palette(n: int) -> tuple[str, ...]:
    """``n`` colours spread over the sequential scale (2 classes: the light and the dark end)."""
    if n <= 1:
        return CLASSES[2:3]
    return tuple(CLASSES[round(i * (len(CLASSES) - 1) / (n - 1))] for i in range(n))


def _legend(breaks: list[Number], colours, fmt, top: int) -> tuple[SafeString, int]:
    """Two columns of class boxes under the map: "≤ 12", "13–20" … ranges written in the unit."""
    items, low = [], None
    for i, bound in enumerate(breaks):
        text = f"≤ {fmt.short(bound)}" if i == 0 else f"> {fmt.short(low)} – {fmt.short(bound)}"
        items.append((PAD + (i % 2) * 180, top + 8 + (i // 2) * LEGEND_ROW, colours[i], text))
        low = bound
    items.append(
        (
            PAD + (len(breaks) % 2) * 180,
            top + 8 + (len(breaks) // 2) * LEGEND_ROW,
            NO_DATA,
            _("tidak ada data"),
        )
    )
    rows = (len(items) + 1) // 2
    markup = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="#adb5bd" stroke-width="0.5"></rect>',
        ((x, y, c) for x, y, c, _t in items),
    ) + format_html_join(
        "", '<text x="{}" y="{}" fill="#212529">{}</text>', ((x + 17, y + 10, t) for x, y, _c, t in items)
    )
    return markup, rows * LEGEND_ROW
