"""The first version of the privacy notice, in effect from the day this feature shipped. Cities edit
it by publishing a new version (``/privasi/admin/pemberitahuan/``)."""

import datetime

from django.db import migrations

TEXT = """Dinas mengumpulkan dan memproses data pribadi pemilik usaha untuk pembinaan UMKM: pendataan, \
verifikasi usaha, pelatihan, kemitraan, titip jual, pameran, pendampingan dan rujukan pembiayaan \
(UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi).

Data yang disimpan: nama, NIK, nomor HP, e-mail, jenis kelamin; data usaha, produk dan omzet; \
keikutsertaan dalam program dinas; catatan titip jual dan pembiayaan.

NIK dan nomor HP lengkap hanya dapat dilihat oleh petugas yang berwenang dan setiap pembukaannya \
dicatat. Data dibagikan kepada bank atau mitra hanya dengan persetujuan Anda untuk keperluan itu.

Data disimpan selama usaha Anda dibina. Setelah usaha tutup dan masa simpan berakhir, identitas \
Anda dihapus (dianonimkan); catatan keuangan yang wajib disimpan tetap ada tanpa identitas.

Anda berhak melihat dan mengunduh data Anda, meminta perbaikan, dan meminta penghapusan melalui \
halaman “Data saya”. Dinas menjawab permintaan paling lambat 3 x 24 jam."""


def first_notice(apps, schema_editor):
    PrivacyNotice = apps.get_model("privacy", "PrivacyNotice")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(version=1, text=TEXT, effective_date=datetime.date(2026, 1, 1))


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(first_notice, migrations.RunPython.noop)]
