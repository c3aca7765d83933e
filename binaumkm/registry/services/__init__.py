"""Every write of the registry (see docs/architecture.md): records (owners, businesses, products,
turnover, exports, personal-data reveals) here; imports in ``imports``, ``imports_mapped`` and
``keywords``."""

from .anonymise import owner_anonymise  # noqa: F401 - driven by privacy
from .claims import ClaimRefused, IssuedClaimCode, claim_code_issue, normalize_claim_code, owner_claim  # noqa: F401
from .presences import (  # noqa: F401
    presence_confirm_active,
    presence_save,
    presence_session_record,
    presence_url_problem,
    presence_verify,
)
from .records import *  # noqa: F403 - the registry's record services, as ``services.business_create``
from .records import BUSINESS_FIELDS, OWNER_FIELDS, PRODUCT_FIELDS  # noqa: F401 - used by forms
