"""The registry's staff business pages through the shared CRUD test base."""

from binaumkm.core.testing import CrudViewTests, make_user
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business
from binaumkm.registry.tests.factories import BusinessFactory, kelurahan, nik_for


class TestStaffBusinessPages(CrudViewTests):
    model = Business
    list_url = "registry:business_list"
    detail_url = "registry:business_detail"
    create_url = "registry:business_create"
    edit_url = "registry:business_edit"
    audit_events = (Event.BUSINESS_CREATED, Event.BUSINESS_UPDATED)

    def user(self):
        return make_user("staf_dinas", username="staf.crud")

    def outsider(self):
        return make_user("pemilik_umkm", username="pemilik.crud")

    def make(self):
        return BusinessFactory(name="Batik Laweyan Asri")

    def _business(self, **extra):
        return {
            "name": "Wedang Uwuh Bu Sri",
            "address": "Jl. Kenari 3",
            "kelurahan": kelurahan().pk,
            "kbli_section": "C",
            "annual_sales": "120000000",
            "employees": 2,
            **extra,
        }

    def create_data(self):
        owner = {
            "full_name": "Sri Wahyuni",
            "nik": nik_for(901),
            "phone": "0812 1111 9901",
            "email": "",
            "gender": "P",
        }
        return {**self._business(), **{f"owner-{k}": v for k, v in owner.items()}}

    def edit_data(self, obj):
        return self._business(name="Batik Laweyan Asri Jaya")

    def invalid_data(self):
        data = self.create_data()
        data["owner-nik"] = "12345"
        data["name"] = "Nama Yang Diketik"
        return data, "Nama Yang Diketik"
