"""Read-mostly admin: changes go through the back office so they are checked and logged."""

from django.contrib import admin

from .models import Batch, Certificate, Programme, Registration


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "partner", "created_at"]
    list_filter = ["topic"]
    search_fields = ["title", "partner"]


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "state", "selection_mode", "capacity", "start_date"]
    list_filter = ["state", "selection_mode"]
    list_select_related = ["programme"]
    readonly_fields = ["allocation_seed", "allocation_summary", "allocated_at", "allocated_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["business", "batch", "status", "tier", "rank", "created_at"]
    list_filter = ["status", "tier"]
    list_select_related = ["business", "batch__programme"]
    raw_id_fields = ["business", "batch", "registered_by"]
    readonly_fields = ["status", "tier", "rank", "lottery_key", "pool", "code"]

    def has_add_permission(self, request):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "programme_title", "batch_label", "issued_at"]
    search_fields = ["number", "holder_name"]
    raw_id_fields = ["registration"]
