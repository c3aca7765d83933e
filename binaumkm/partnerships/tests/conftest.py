import pytest

from binaumkm.core.testing import make_user


@pytest.fixture
def store_user(db):
    return make_user(
        "mitra_toko", username="manajer1", full_name="Manajer Toko", email="manajer1@example.com"
    )


@pytest.fixture
def other_store_user(db):
    return make_user("mitra_toko", username="manajer2", full_name="Manajer Lain")
