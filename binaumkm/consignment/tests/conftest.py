import pytest

from binaumkm.core.testing import make_user

from .factories import AgreementProductFactory, OutletFactory


@pytest.fixture
def outlet(areas):
    return OutletFactory()


@pytest.fixture
def item(outlet):
    """A craft product accepted at ``outlet`` for Rp 50.000."""
    return AgreementProductFactory(agreement__outlet=outlet)


@pytest.fixture
def partner_user(outlet):
    user = make_user("mitra_outlet", username="mitra1", phone="+6281300000001")
    outlet.partners.add(user)
    return user
