"""Access declarations of the open-data URLs: everything is public except making a release (agency
staff and admins). The world holds one published release of the UMKM binaan dataset."""

from binaumkm.core.tests.site_access import PUBLIC, STAFF, Url


def build(world):
    from binaumkm.opendata.services import release_create

    release_create(actor=None, dataset_key="umkm-binaan")


KEY = {"key": "umkm-binaan"}

URLS = {
    "opendata:index": Url(PUBLIC),
    "opendata:detail": Url(PUBLIC, kwargs=lambda w: KEY),
    "opendata:download_latest": Url(PUBLIC, kwargs=lambda w: {**KEY, "fmt": "csv"}),
    "opendata:download": Url(PUBLIC, kwargs=lambda w: {**KEY, "version": 1, "fmt": "xlsx"}),
    "opendata:release_create": Url(STAFF, kwargs=lambda w: KEY, methods=("POST",)),
    "opendata:dcat": Url(PUBLIC),
    "opendata:ckan_package_list": Url(PUBLIC),
    "opendata:ckan_package_show": Url(PUBLIC, query="?id=umkm-binaan"),
    "opendata:ckan_current_package_list": Url(PUBLIC),
    "opendata:ckan_help": Url(PUBLIC, query="?name=package_show"),
}
