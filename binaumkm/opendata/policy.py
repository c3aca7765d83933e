"""Who may do what with open-data releases (see ``core.policy``). Published releases are public
(the selectors read them unscoped, like ``registry.open_data``: aggregates only); making one needs
``opendata.add_release`` (agency staff and admins)."""

from binaumkm.core.policy import Grant, ModelPolicy

from .models import Release

POLICIES = [ModelPolicy(Release, add=Grant("opendata.add_release"))]
