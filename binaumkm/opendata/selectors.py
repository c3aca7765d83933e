"""Reads of the open-data app. Published releases are public aggregates (like
``registry.open_data``), so these are not scoped to an actor; only published releases are shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from binaumkm.core import hooks
from binaumkm.core.hooks import Dataset

from .models import FileFormat, Release, ReleaseFile, ReleaseState


@dataclass
class Entry:
    """A dataset with its published releases, newest first."""

    dataset: Dataset
    releases: list[Release] = field(default_factory=list)

    @property
    def latest(self) -> Release | None:
        return self.releases[0] if self.releases else None


def _published():
    files = Prefetch("files", queryset=ReleaseFile.objects.order_by("format"))
    return (
        Release.objects.filter(state=ReleaseState.READY)
        .prefetch_related(files)
        .order_by("dataset", "-version")
    )


def catalogue() -> list[Entry]:
    """Every dataset with its published releases and their files: two queries however many."""
    entries = {key: Entry(dataset) for key, dataset in hooks.open_datasets().items()}
    for release in _published():
        if release.dataset in entries:
            entries[release.dataset].releases.append(release)
    return list(entries.values())


def entry_get(key: str) -> Entry:
    dataset = hooks.open_datasets().get(key)
    if dataset is None:
        raise Http404
    return Entry(dataset, list(_published().filter(dataset=key)))


def release_file_get(key: str, fmt: str, version: int | None = None) -> ReleaseFile:
    """A published file: of that version, or of the latest release when ``version`` is None."""
    if fmt not in FileFormat.values or key not in hooks.open_datasets():
        raise Http404
    found = ReleaseFile.objects.select_related("release").filter(
        release__dataset=key, release__state=ReleaseState.READY, format=fmt
    )
    if version is not None:
        found = found.filter(release__version=version)
    record = found.order_by("-release__version").first()
    if record is None:
        raise Http404
    return record


def pending_releases() -> dict[str, int]:
    """{dataset: version} of releases whose files the worker is still writing (for staff)."""
    return dict(Release.objects.filter(state=ReleaseState.PENDING).values_list("dataset", "version"))
