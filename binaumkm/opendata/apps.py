from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: every module's public aggregates (the ``open_datasets`` hook), released as frozen,
    checksummed files, listed at /data-terbuka/ and offered to the province's CKAN portal."""

    name = "binaumkm.opendata"
    label = "opendata"
    verbose_name = _("Data terbuka")

    role_permissions = {
        "staf_dinas": ["opendata.add_release"],
        "admin_dinas": ["opendata.add_release"],
    }
