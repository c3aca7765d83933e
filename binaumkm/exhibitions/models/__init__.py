"""Exhibitions (pameran): events with venues, booths and a budget; applications, curation, booth
assignments, check-ins and sales. Business rules live in ``services/`` and the pure modules."""

from .application import (
    ACTIVE_STATUSES,
    HOLDING,
    Application,
    Assignment,
    AssignmentState,
    CheckIn,
    CheckInMethod,
    CurationReview,
    CurationScore,
    Pool,
    Release,
    SalesReport,
    Status,
    Tier,
)
from .budget import BudgetLine, BudgetRealisation
from .exhibition import (
    Booth,
    BoothCategory,
    CurationCriterion,
    Curator,
    Exhibition,
    ExhibitionPhoto,
    Kind,
    State,
    Venue,
    new_token,
)

__all__ = [
    "ACTIVE_STATUSES", "HOLDING", "Application", "Assignment", "AssignmentState", "Booth", "BoothCategory",
    "BudgetLine", "BudgetRealisation", "CheckIn", "CheckInMethod", "CurationCriterion", "CurationReview",
    "CurationScore", "Curator", "Exhibition", "ExhibitionPhoto", "Kind", "Pool", "Release", "SalesReport",
    "State", "Status", "Tier", "Venue", "new_token",
]  # fmt: skip
