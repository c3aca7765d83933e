"""Size class of a business by PP 7/2021 art. 35.

Business capital (excluding land and buildings) classifies businesses founded from 2021, when the
PP took effect; annual sales classify businesses that existed before it. When only one figure is
known, that figure decides. Bounds are inclusive, as in the regulation ("paling banyak").
"""

from .choices import SizeClass

PP_7_2021_YEAR = 2021
JUTA = 1_000_000
MILIAR = 1_000 * JUTA

CAPITAL_CEILINGS = [
    (1 * MILIAR, SizeClass.MIKRO),
    (5 * MILIAR, SizeClass.KECIL),
    (10 * MILIAR, SizeClass.MENENGAH),
]
SALES_CEILINGS = [
    (2 * MILIAR, SizeClass.MIKRO),
    (15 * MILIAR, SizeClass.KECIL),
    (50 * MILIAR, SizeClass.MENENGAH),
]


def _by_ceiling(value: int, ceilings) -> str:
    for ceiling, size in ceilings:
        if value <= ceiling:
            return size
    return SizeClass.BESAR


def classify_size(*, capital: int | None, annual_sales: int | None, year_founded: int | None) -> str:
    """The size class, or '' when neither figure is known."""
    new_business = year_founded is not None and year_founded >= PP_7_2021_YEAR
    if capital is not None and (new_business or annual_sales is None):
        return _by_ceiling(capital, CAPITAL_CEILINGS)
    if annual_sales is not None:
        return _by_ceiling(annual_sales, SALES_CEILINGS)
    return ""
