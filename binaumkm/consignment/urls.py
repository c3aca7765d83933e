from django.urls import path

from .views import documents, home, owner, reports, settlements, staff, stock, upload

app_name = "consignment"
urlpatterns = [
    path("", home.index, name="index"),
    # Staff back office
    path("staf/outlet/", staff.outlet_list, name="outlet_list"),
    path("staf/outlet/baru/", staff.outlet_create, name="outlet_create"),
    path("staf/outlet/<int:pk>/", staff.outlet_detail, name="outlet_detail"),
    path("staf/outlet/<int:pk>/ubah/", staff.outlet_edit, name="outlet_edit"),
    path("staf/outlet/<int:pk>/mitra/", staff.partner_add, name="partner_add"),
    path("staf/outlet/<int:pk>/mitra/<int:user_pk>/lepas/", staff.partner_remove, name="partner_remove"),
    path("staf/outlet/<int:pk>/perjanjian/baru/", staff.agreement_create, name="agreement_create"),
    path("staf/perjanjian/<int:pk>/", staff.agreement_detail, name="agreement_detail"),
    path("staf/perjanjian/<int:pk>/ubah/", staff.agreement_edit, name="agreement_edit"),
    path("staf/perjanjian/<int:pk>/produk/", staff.agreement_item_save, name="agreement_item_save"),
    path("staf/perjanjian/<int:pk>/titip/", stock.delivery_create, name="delivery_create"),
    path("staf/titip/<int:pk>/", stock.delivery_detail, name="delivery_detail"),
    path(
        "staf/outlet/<int:pk>/penyesuaian/<int:batch_pk>/", stock.adjustment_create, name="adjustment_create"
    ),
    path("staf/outlet/<int:pk>/rekap pembayaran/", settlements.settlement_create, name="settlement_create"),
    path("staf/rekap pembayaran/<int:pk>/", settlements.settlement_detail, name="settlement_detail"),
    path("staf/rekap pembayaran/<int:pk>/bayar/<int:line_pk>/", settlements.line_pay, name="line_pay"),
    path("staf/rekap pembayaran/<int:pk>/bayar-semua/", settlements.pay_all, name="pay_all"),
    path("staf/rekap pembayaran/<int:pk>/batal/", settlements.settlement_void, name="settlement_void"),
    path("staf/laporan/", reports.report, name="report"),
    path("staf/laporan/ekspor.xlsx", reports.report_export, name="report_export"),
    # One outlet's pages: staff, or that outlet's partner accounts
    path("outlet/<int:pk>/", stock.outlet_stock, name="outlet_stock"),
    path("outlet/<int:pk>/jual/", stock.sales_entry, name="sales_entry"),
    path("outlet/<int:pk>/jual/unggah/", upload.sales_upload, name="sales_upload"),
    path("outlet/<int:pk>/jual/templat.xlsx", upload.upload_template, name="upload_template"),
    path("outlet/<int:pk>/penjualan/", stock.sales_list, name="sales_list"),
    path("outlet/<int:pk>/penjualan/<int:sale_pk>/batal/", stock.sale_cancel, name="sale_cancel"),
    path("outlet/<int:pk>/retur/<int:batch_pk>/", stock.return_create, name="return_create"),
    path("outlet/<int:pk>/buku-stok/", stock.ledger_list, name="ledger"),
    path("outlet/<int:pk>/rekap pembayaran/", stock.outlet_settlements, name="outlet_settlements"),
    # Owners
    path("saya/", owner.overview, name="owner_overview"),
    path("saya/penjualan/", owner.sales, name="owner_sales"),
    # Documents
    path("dokumen/titip/<int:pk>.pdf", documents.delivery_note, name="delivery_pdf"),
    path("dokumen/rekap pembayaran/<int:pk>/ringkasan.pdf", documents.summary, name="summary_pdf"),
    path("dokumen/pernyataan/<int:pk>.pdf", documents.statement, name="statement_pdf"),
]
