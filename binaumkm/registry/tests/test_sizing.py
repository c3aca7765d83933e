from hypothesis import given
from hypothesis import strategies as st

from binaumkm.registry.sizing import MILIAR, classify_size


def test_old_businesses_are_classified_by_annual_sales():
    assert classify_size(capital=9 * MILIAR, annual_sales=2 * MILIAR, year_founded=2015) == "mikro"
    assert classify_size(capital=None, annual_sales=2 * MILIAR + 1, year_founded=2015) == "kecil"
    assert classify_size(capital=None, annual_sales=15 * MILIAR, year_founded=None) == "kecil"
    assert classify_size(capital=None, annual_sales=50 * MILIAR, year_founded=2000) == "menengah"
    assert classify_size(capital=None, annual_sales=50 * MILIAR + 1, year_founded=2000) == "besar"


def test_new_businesses_are_classified_by_capital():
    assert classify_size(capital=1 * MILIAR, annual_sales=40 * MILIAR, year_founded=2022) == "mikro"
    assert classify_size(capital=5 * MILIAR, annual_sales=None, year_founded=2021) == "kecil"
    assert classify_size(capital=10 * MILIAR, annual_sales=None, year_founded=2023) == "menengah"


def test_unknown_figures():
    assert classify_size(capital=None, annual_sales=None, year_founded=2020) == ""
    assert classify_size(capital=3 * MILIAR, annual_sales=None, year_founded=2010) == "kecil"


@given(st.integers(0, 60 * MILIAR), st.integers(0, 60 * MILIAR))
def test_size_grows_with_sales(a, b):
    order = ["mikro", "kecil", "menengah", "besar"]
    low, high = sorted([a, b])
    assert order.index(classify_size(capital=None, annual_sales=low, year_founded=2000)) <= order.index(
        classify_size(capital=None, annual_sales=high, year_founded=2000)
    )
