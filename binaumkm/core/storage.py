"""Private files (identity documents, financial notes): stored outside ``MEDIA_ROOT`` so nothing ever
serves them by URL; an app serves each one through a view that asks its access policy first.

``settings.STORAGES["private"]`` names the backend (this one in deployments, an in-memory one in
tests); ``PRIVATE_MEDIA_ROOT`` is its folder, included in backups as ``private/``.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileStorage(FileSystemStorage):
    """A file-system storage without URLs."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location or settings.PRIVATE_MEDIA_ROOT, base_url=None, **kwargs)

    def url(self, name):
        raise ValueError("Berkas pribadi tidak punya URL publik; sajikan lewat view yang memeriksa izin.")


def private_storage() -> Storage:
    """For ``FileField(storage=private_storage)``: resolved when used, so tests may swap it."""
    return storages["private"]
