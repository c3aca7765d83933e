import pytest

from binaumkm.core.testing import make_user


@pytest.fixture
def world(areas):
    """A KUR scheme at one bank branch with its officer, another branch with its own officer, staff,
    and an owner whose verified business has run since 2020."""
    from .factories import BranchFactory, SchemeFactory, officer, owner_with_business

    branch = BranchFactory(name="KC Slamet Riyadi")
    other_branch = BranchFactory(name="KC Pasar Klewer")
    scheme = SchemeFactory(branches=[branch, other_branch])
    owner, business = owner_with_business(nib="9120001234560")

    class World:
        pass

    w = World()
    w.branch, w.other_branch, w.scheme = branch, other_branch, scheme
    w.owner, w.business = owner, business
    w.staff = make_user(
        "staf_dinas", username="staf.pembiayaan", full_name="Rina Staf", email="staf@example.com"
    )
    w.officer = officer(branch, "petugas.a")
    w.other_officer = officer(other_branch, "petugas.b")
    return w
