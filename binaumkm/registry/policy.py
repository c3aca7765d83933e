"""Who may see and do what in the registry (see ``core.policy``).

Agency roles hold the model permissions and reach every record; an owner holds
``registry.manage_own_business`` and reaches only their own owner record, businesses, products and
turnover reports. The action "own" is the owner's self-service view: only their own records, even
for a user who also works at the agency.
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import (
    Business,
    ImportJob,
    ImportMapping,
    Owner,
    Presence,
    Product,
    SectorKeyword,
    TurnoverReport,
)

OWN = "registry.manage_own_business"
PERSONAL_DATA = "registry.view_personal_data"


def _own(path: str):
    return Grant(OWN, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(
        Business,
        view=[Grant("registry.view_business"), _own("owner__user")],
        own=_own("owner__user"),
        add=[Grant("registry.add_business"), Grant(OWN)],
        change=[Grant("registry.change_business"), _own("owner__user")],
        set_status=Grant("registry.change_business"),
        verify=Grant("registry.verify_business"),
        delete=Grant("registry.delete_business"),
        export=Grant("registry.view_business"),
    ),
    ModelPolicy(
        Owner,
        view=[Grant("registry.view_owner"), _own("user")],
        own=_own("user"),
        add=Grant("registry.add_owner"),
        change=[Grant("registry.change_owner"), _own("user")],
        change_nik=Grant("registry.change_owner"),
        # A registration slip with a one-time claim code, for an owner whose record staff created.
        issue_claim=Grant("registry.change_owner"),
        # The full NIK and phone number: the person themself, and agency roles that need them.
        view_personal=[Grant(PERSONAL_DATA), _own("user")],
    ),
    ModelPolicy(
        Product,
        view=[Grant("registry.view_product"), _own("business__owner__user")],
        own=_own("business__owner__user"),
        change=[Grant("registry.change_product"), _own("business__owner__user")],
        delete=[Grant("registry.delete_product"), _own("business__owner__user")],
    ),
    ModelPolicy(
        TurnoverReport,
        view=[Grant("registry.view_turnoverreport"), _own("business__owner__user")],
        change=[Grant("registry.change_turnoverreport"), _own("business__owner__user")],
    ),
    ModelPolicy(
        Presence,
        view=[Grant("registry.view_presence"), _own("business__owner__user")],
        own=_own("business__owner__user"),
        change=[Grant("registry.change_presence"), _own("business__owner__user")],
        # Staff confirm what an owner reported, and record a workshop for many businesses at once.
        verify=Grant("registry.change_presence"),
        record_session=Grant("registry.add_presence"),
    ),
    ModelPolicy(
        ImportJob,
        # Each member of staff sees the imports they started; holders of view_importjob see all.
        view=[
            Grant("registry.view_importjob"),
            Grant("registry.import_business", where=lambda user: Q(created_by=user)),
        ],
        add=Grant("registry.import_business"),
    ),
    # The sector keyword table and saved column mappings belong to whoever may import.
    ModelPolicy(
        SectorKeyword, view=Grant("registry.import_business"), change=Grant("registry.import_business")
    ),
    ModelPolicy(
        ImportMapping, view=Grant("registry.import_business"), change=Grant("registry.import_business")
    ),
]
