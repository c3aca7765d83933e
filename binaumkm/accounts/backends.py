from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

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
