from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "phone", "email", "is_active")
    search_fields = ("username", "full_name", "phone", "email")
    fieldsets = BaseUserAdmin.fieldsets + ((None, {"fields": ("full_name", "phone")}),)
