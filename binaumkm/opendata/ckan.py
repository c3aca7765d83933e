"""The catalogue in the shapes harvesters read: CKAN's Action API (``package_list``,
``package_show``) and a DCAT-AP style JSON-LD catalogue, so the province's CKAN portal (which already
has an organisation for the city) can harvest the datasets. Plain data built from selector entries;
links are absolute (``core.conf.site_url``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from binaumkm.core import conf as core_conf

from . import conf
from .metadata import metadata, producer, texts
from .selectors import Entry

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def _help(action: str) -> str:
    return core_conf.site_url(reverse("opendata:ckan_help")) + f"?name={action}"


def envelope(action: str, result: Any) -> dict:
    return {"help": _help(action), "success": True, "result": result}


def error(action: str, message: str) -> dict:
    return {"help": _help(action), "success": False,
            "error": {"__type": "Not Found Error", "message": message}}  # fmt: skip


def _iso(value) -> str | None:
    return value.replace(tzinfo=None).isoformat() if value else None  # CKAN's naive UTC timestamps


def _file_url(entry: Entry, release, fmt: str) -> str:
    return core_conf.site_url(
        reverse(
            "opendata:download", kwargs={"key": entry.dataset.key, "version": release.version, "fmt": fmt}
        )
    )


def package(entry: Entry) -> dict:
    """One dataset as a CKAN package: the latest release's files as resources (and older ones after)."""
    dataset, latest = entry.dataset, entry.latest
    with translation.override("id"):
        indonesian = texts(dataset)
    with translation.override("en"):
        english = texts(dataset)
    site = producer()
    resources: list[dict[str, Any]] = []
    for release in entry.releases:
        for record in release.files.all():
            resources.append({
                "id": f"{dataset.key}-v{release.version}-{record.format}",
                "package_id": dataset.key,
                "name": f"{indonesian['name']} (v{release.version}, {record.format.upper()})",
                "url": _file_url(entry, release, record.format),
                "format": record.format.upper(),
                "mimetype": MEDIA_TYPES[record.format],
                "hash": f"sha256:{record.sha256}",
                "size": record.size,
                "created": _iso(release.created_at),
                "last_modified": _iso(release.as_of),
                "position": len(resources),
            })  # fmt: skip
    return {
        "id": dataset.key,
        "name": dataset.key,
        "title": indonesian["name"],
        "notes": f"{indonesian['definition']}\n\n{indonesian['suppression']}",
        "license_id": conf.LICENSE_ID,
        "license_title": conf.LICENSE_TITLE,
        "license_url": conf.LICENSE_URL,
        "author": site["name"],
        "author_email": site["email"],
        "maintainer": site["name"],
        "maintainer_email": site["email"],
        "organization": {"name": slugify(site["city"]), "title": site["city"]},  # CKAN names: a-z0-9_-
        "url": core_conf.site_url(reverse("opendata:detail", args=[dataset.key])),
        "version": str(latest.version) if latest else None,
        "state": "active",
        "type": "dataset",
        "private": False,
        "metadata_created": _iso(entry.releases[-1].created_at) if entry.releases else None,
        "metadata_modified": _iso(latest.as_of) if latest else None,
        "num_resources": len(resources),
        "resources": resources,
        "tags": [{"name": word} for word in dataset.keywords],
        "extras": [
            {"key": "konsep", "value": indonesian["concept"]},
            {"key": "definisi", "value": indonesian["definition"]},
            {"key": "rumus", "value": indonesian["method"]},
            {"key": "satuan", "value": indonesian["unit"]},
            {"key": "klasifikasi", "value": indonesian["classification"]},
            {"key": "periodisitas", "value": indonesian["periodicity"]},
            {"key": "tingkat_penyajian", "value": indonesian["level"]},
            {"key": "title_en", "value": english["name"]},
            {"key": "notes_en", "value": english["definition"]},
        ],
    }


def dcat(entries: list[Entry]) -> dict:
    """A DCAT-AP style JSON-LD catalogue of every dataset and its latest files."""
    site = producer()
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": site["name"],
        "foaf:mbox": f"mailto:{site['email']}",
    }
    datasets = []
    for entry in entries:
        meta = metadata(entry.dataset)
        latest = entry.latest
        distributions = [
            {"@type": "dcat:Distribution", "dcat:downloadURL": {"@id": _file_url(entry, latest, r.format)},
             "dcat:mediaType": MEDIA_TYPES[r.format], "dcat:byteSize": r.size,
             "spdx:checksum": {"@type": "spdx:Checksum", "spdx:algorithm": "spdx:checksumAlgorithm_sha256",
                               "spdx:checksumValue": r.sha256},
             "dct:license": {"@id": conf.LICENSE_URL}}
            for r in (latest.files.all() if latest else [])
        ]  # fmt: skip
        datasets.append({
            "@id": core_conf.site_url(reverse("opendata:detail", args=[entry.dataset.key])),
            "@type": "dcat:Dataset",
            "dct:identifier": entry.dataset.key,
            "dct:title": [{"@language": "id", "@value": meta["id"]["name"]}, {"@language": "en", "@value": meta["en"]["name"]}],
            "dct:description": [{"@language": "id", "@value": meta["id"]["definition"]},
                                {"@language": "en", "@value": meta["en"]["definition"]}],
            "dcat:keyword": list(entry.dataset.keywords),
            "dct:accrualPeriodicity": meta["id"]["periodicity"],
            "dct:publisher": publisher,
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": site["name"],
                                  "vcard:hasEmail": f"mailto:{site['email']}"},
            "dct:license": {"@id": conf.LICENSE_URL},
            "owl:versionInfo": str(latest.version) if latest else None,
            "dct:modified": latest.as_of.isoformat() if latest and latest.as_of else None,
            "dcat:distribution": distributions,
        })  # fmt: skip
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "spdx": "http://spdx.org/rdf/terms#",
            "owl": "http://www.w3.org/2002/07/owl#",
        },
        "@id": core_conf.site_url(reverse("opendata:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": site["name"],
        "dct:publisher": publisher,
        "dcat:dataset": datasets,
    }


ACTIONS = {
    "package_list": "Return a list of the names of the site's datasets (packages).",
    "package_show": "Return the metadata of a dataset (package) and its resources. :param id: the id or name of the dataset",
    "current_package_list_with_resources": "Return a list of the site's datasets (packages) and their resources.",
    "help_show": "Return the help string for a particular API action.",
}
