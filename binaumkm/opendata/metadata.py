"""The metadata of an open dataset, after Satu Data Indonesia (Perpres 39/2019) and the BPS indicator
form (Peraturan BPS 5/2020): name, concept, definition, formula/method, unit, classification,
periodicity, level, as-of, licence, producer and contact, the suppression rule. Every text is given
in Indonesian and English (the dataset's lazy translations rendered in each language)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from binaumkm.core import conf as core_conf
from binaumkm.core.hooks import Dataset
from binaumkm.core.small_cells import MIN_CELL

from . import conf

LANGUAGES = ("id", "en")


def level_label(level: str) -> str:
    return _("Kelurahan") if level == "kelurahan" else _("Kecamatan")


def suppression_note() -> str:
    return _(
        "Angka tentang 1–%(n)s usaha tidak ditampilkan (kosong/null) agar tidak menunjuk usaha tertentu; "
        "nilai rupiah hanya ditampilkan bila paling sedikit %(min)s usaha berkontribusi. Tidak ada total "
        "yang memungkinkan angka yang disembunyikan dihitung ulang. Data ini tidak memuat data pribadi."
    ) % {"n": MIN_CELL - 1, "min": MIN_CELL}


def texts(dataset: Dataset) -> dict[str, Any]:
    """The dataset's texts in the active language."""
    return {
        "name": str(dataset.title),
        "concept": str(dataset.concept),
        "definition": str(dataset.definition),
        "method": str(dataset.method),
        "unit": str(dataset.unit),
        "classification": str(dataset.classification),
        "periodicity": str(dataset.periodicity),
        "level": level_label(dataset.level),
        "suppression": suppression_note(),
        "columns": [
            {"key": c.key, "label": str(c.label), "kind": c.kind, "unit": str(c.unit)}
            for c in dataset.columns
        ],
    }


def producer() -> dict[str, str]:
    site = core_conf.site()
    return {
        "name": site["AGENCY_NAME"],
        "city": site["CITY_NAME"],
        "address": site["AGENCY_ADDRESS"],
        "email": site["AGENCY_EMAIL"],
        "phone": site["AGENCY_PHONE"],
        "website": site["AGENCY_WEBSITE"],
    }


def licence() -> dict[str, str]:
    return {"id": conf.LICENSE_ID, "title": conf.LICENSE_TITLE, "url": conf.LICENSE_URL, "spdx": "CC-BY-4.0"}


def metadata(dataset: Dataset, *, version: int | None = None, as_of: datetime.datetime | None = None) -> dict:
    """The whole metadata record, both languages (frozen into every file of a release)."""
    record: dict[str, Any] = {
        "identifier": dataset.key,
        "version": version,
        "as_of": as_of.isoformat() if as_of else None,
        "level": dataset.level,
        "keywords": list(dataset.keywords),
        "licence": licence(),
        "producer": producer(),
        "min_cell": MIN_CELL,
    }
    for language in LANGUAGES:
        with translation.override(language):
            record[language] = texts(dataset)
    return record
