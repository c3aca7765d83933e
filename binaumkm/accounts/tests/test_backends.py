"""The login backend's permission read: the same permissions as Django's own backend, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from binaumkm.accounts.backends import PhoneOrEmailBackend
from binaumkm.accounts.models import User

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)  # no permission cache yet


def test_a_users_own_and_roles_permissions_come_in_one_query(staff_user, django_assert_num_queries):
    extra = Permission.objects.get(codename="view_auditentry")
    staff_user.user_permissions.add(extra)
    expected = ModelBackend().get_all_permissions(fresh(staff_user))
    assert "core.view_auditentry" in expected and len(expected) > 1  # own and the role's
    user = fresh(staff_user)
    with django_assert_num_queries(1):
        assert PhoneOrEmailBackend().get_all_permissions(user) == expected
        assert user.has_perm("core.view_auditentry") and user.has_perm(
            next(iter(expected - {"core.view_auditentry"}))
        )


def test_inactive_anonymous_and_superusers(staff_user):
    from django.contrib.auth.models import AnonymousUser

    backend = PhoneOrEmailBackend()
    staff_user.is_active = False
    assert backend.get_all_permissions(staff_user) == set()
    assert backend.get_all_permissions(AnonymousUser()) == set()
    root = User.objects.create(username="root", is_superuser=True)
    assert backend.get_all_permissions(fresh(root)) == ModelBackend().get_all_permissions(fresh(root))
    assert len(backend.get_all_permissions(fresh(root))) == Permission.objects.count()


def test_a_user_without_roles_has_none(db):
    user = User.objects.create(username="tanpa-peran")
    Group.objects.create(name="kosong")
    assert PhoneOrEmailBackend().get_all_permissions(fresh(user)) == set()
