"""The API's response shapes. Lists carry no personal data; one business's detail shows the owner's
NIK and phone masked exactly as the staff pages do (``core.masking``)."""

from __future__ import annotations

import datetime

from ninja import Schema


class Error(Schema):
    detail: str


class Area(Schema):
    code: str
    name: str
    kecamatan_code: str
    kecamatan_name: str
    postal_code: str


class BinaanCount(Schema):
    area_code: str
    area_name: str
    kbli_section: str
    count: int | None  # None: fewer than 5 businesses, suppressed
    suppressed: bool


class RecoveryRow(Schema):
    """UMKM recovered in one kelurahan and month (``reporting.open_data``); None: suppressed (1–4)."""

    kode_kecamatan: str
    kecamatan: str
    kode_kelurahan: str
    kelurahan: str
    bulan: str  # YYYY-MM
    umkm_data_dasar: int | None
    umkm_dinilai: int | None
    umkm_pulih: int | None
    persen_pulih: float | None


class BusinessItem(Schema):
    id: int
    reference: str
    name: str
    kelurahan_code: str
    kelurahan: str
    kecamatan: str
    kbli_section: str
    size_class: str
    status: str
    verification: str
    binaan_since: datetime.date | None
    employees: int


class OwnerMasked(Schema):
    full_name: str
    nik: str  # masked: 3372••••••••0001
    phone: str  # masked: +62812••••7890


class BusinessDetail(BusinessItem):
    address: str
    kbli_code: str
    year_founded: int | None
    owner: OwnerMasked


class Product(Schema):
    id: int
    business_id: int
    name: str
    category: str
    price: int  # rupiah
    unit: str
    is_active: bool


class Batch(Schema):
    id: int
    programme: str
    topic: str
    number: int
    state: str
    capacity: int
    registration_opens_at: datetime.datetime
    registration_closes_at: datetime.datetime
    start_date: datetime.date
    end_date: datetime.date
    delivery: str


class Registration(Schema):
    id: int
    batch_id: int
    programme: str
    business_id: int
    business: str
    status: str
    created_at: datetime.datetime


class StoreCompliance(Schema):
    store_id: int
    store: str
    brand: str
    kelurahan: str
    status: str
    required_partners: int
    active_partners: int
    compliant: bool
    since: datetime.date
    days_in_state: int


class StockLine(Schema):
    outlet_id: int
    outlet: str
    batch_code: str
    product_id: int
    product: str
    unit: str
    business_id: int
    on_hand: int
    expiry_date: datetime.date | None
    unit_price: int


# Pages: {"results": [...], "next": the cursor of the next page, or null on the last}.
class BusinessPage(Schema):
    results: list[BusinessItem]
    next: str | None


class ProductPage(Schema):
    results: list[Product]
    next: str | None


class BatchPage(Schema):
    results: list[Batch]
    next: str | None


class RegistrationPage(Schema):
    results: list[Registration]
    next: str | None
