from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Q

from binaumkm.core.validators import normalize_phone

from .models import User


class PhoneOrEmailBackend(ModelBackend):
    """Log in with username, e-mail address or phone number (in any common spelling)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = self._find(username.strip())
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def _find(self, identifier: str):
        if "@" in identifier:
            return User.objects.filter(email__iexact=identifier).first()
        try:
            phone = normalize_phone(identifier)
        except ValidationError:
            phone = None
        if phone:
            user = User.objects.filter(phone=phone).first()
            if user:
                return user
        return User.objects.filter(username=identifier).first()

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and their roles' permissions in one query (Django reads them in two):
        every signed-in request reads them, so on PostgreSQL that is a round trip per page."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = perms.values_list("content_type__app_label", "codename").order_by().distinct()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache
