"""Audit event codes of consignment (titip jual; see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    OUTLET_CREATED = "consignment.outlet.created", _("Gerai titip jual didaftarkan")
    OUTLET_UPDATED = "consignment.outlet.updated", _("Data gerai diubah")
    PARTNER_ADDED = "consignment.outlet.partner_added", _("Pengelola gerai ditambahkan")
    PARTNER_REMOVED = "consignment.outlet.partner_removed", _("Pengelola gerai dilepas")
    AGREEMENT_CREATED = "consignment.agreement.created", _("Perjanjian titip jual dibuat")
    AGREEMENT_UPDATED = "consignment.agreement.updated", _("Perjanjian titip jual diubah")
    AGREEMENT_PRODUCT_ADDED = "consignment.agreement.product_added", _("Produk ditambahkan ke perjanjian")
    AGREEMENT_PRODUCT_CHANGED = "consignment.agreement.product_changed", _("Harga produk perjanjian diubah")
    DELIVERY_CREATED = "consignment.delivery.created", _("Barang dititipkan")
    SALE_RECORDED = "consignment.sale.recorded", _("Penjualan dicatat")
    SALES_UPLOADED = "consignment.sale.uploaded", _("Penjualan diunggah dari Excel")
    SALE_CANCELLED = "consignment.sale.cancelled", _("Penjualan dibatalkan")
    STOCK_RETURNED = "consignment.stock.returned", _("Barang dikembalikan")
    STOCK_ADJUSTED = "consignment.stock.adjusted", _("Stok disesuaikan")
    EXPIRY_FLAGGED = "consignment.batch.expiry_flagged", _("Barang mendekati kedaluwarsa ditandai")
    SETTLEMENT_CREATED = "consignment.settlement.created", _("Rekap pembayaran dibuat")
    SETTLEMENT_VOIDED = "consignment.settlement.voided", _("Rekap pembayaran dibatalkan")
    LINE_PAID = "consignment.settlement.line_paid", _("Pembayaran kepada UMKM dicatat")
    SETTLEMENT_PAID = "consignment.settlement.paid", _("Rekap pembayaran lunas")
