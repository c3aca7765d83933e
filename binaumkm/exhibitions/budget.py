"""Budget rules on plain numbers (no database): the format of the regional budget's codes, and how
far a new realisation takes a line above its plan."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Permendagri 90/2019 codes are digit groups joined by dots: a sub-activity "2.17.02.2.01.0001", an
# account "5.1.02.01.01.0024". The exact depth differs by region, so only the shape is checked.
CODE = re.compile(r"^\d{1,2}(\.\d{1,4}){1,7}$")


def normalize_code(value: str, *, field: str) -> str:
    """Spaces removed; refused unless it is 2–8 groups of digits joined by dots."""
    code = re.sub(r"\s+", "", str(value or ""))
    if not CODE.match(code):
        raise ValidationError(
            {field: _("Tulis kode sebagai angka yang dipisah titik, misalnya 5.1.02.01.01.0024.")},
            code="code_format",
        )
    return code


def excess(planned: int, realised: int, amount: int) -> int:
    """How much above the plan the line stands after adding ``amount`` (0 if within the plan)."""
    return max(realised + amount - planned, 0)


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None
