import pytest

from binaumkm.core.testing import make_user


@pytest.fixture
def bearer():
    """Headers carrying a fresh token of ``user`` (made through the service, as the page does)."""
    from binaumkm.api.services import token_create

    def make(user, **kwargs):
        _token, raw = token_create(actor=user, name="Uji", **kwargs)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make


@pytest.fixture
def owner_pair(areas):
    """Two owners, each with one business (and a product)."""
    from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

    mine = make_user("pemilik_umkm", username="pemilik.a")
    theirs = make_user("pemilik_umkm", username="pemilik.b")
    a = BusinessFactory(owner=OwnerFactory(user=mine), name="Batik A")
    b = BusinessFactory(owner=OwnerFactory(user=theirs), name="Warung B")
    ProductFactory(business=a)
    ProductFactory(business=b)
    return mine, theirs, a, b
