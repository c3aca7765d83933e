from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsignmentConfig(AppConfig):
    name = "binaumkm.consignment"
    label = "consignment"
    verbose_name = _("Titip jual")
