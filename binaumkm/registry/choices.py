from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class SizeClass(models.TextChoices):
    """PP 7/2021 art. 35. BESAR marks a business above the UMKM ceilings."""

    MIKRO = "mikro", _("Mikro")
    KECIL = "kecil", _("Kecil")
    MENENGAH = "menengah", _("Menengah")
    BESAR = "besar", _("Di atas menengah")


class BusinessStatus(models.TextChoices):
    ACTIVE = "aktif", _("Aktif")
    STAGNANT = "stagnan", _("Stagnan")
    CLOSED = "tutup", _("Tutup")


class Verification(models.TextChoices):
    NEW = "baru", _("Baru (menunggu verifikasi)")
    VERIFIED = "terverifikasi", _("Terverifikasi")
    REJECTED = "ditolak", _("Ditolak")


class KbliSection(models.TextChoices):
    A = "A", _("A – Pertanian, Kehutanan dan Perikanan")
    B = "B", _("B – Pertambangan dan Penggalian")
    C = "C", _("C – Industri Pengolahan")
    D = "D", _("D – Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin")
    E = "E", _("E – Pengelolaan Air, Limbah dan Daur Ulang Sampah")
    F = "F", _("F – Konstruksi")
    G = "G", _("G – Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor")
    H = "H", _("H – Pengangkutan dan Pergudangan")
    I = "I", _("I – Penyediaan Akomodasi dan Penyediaan Makan Minum")  # noqa: E741
    J = "J", _("J – Informasi dan Komunikasi")
    K = "K", _("K – Aktivitas Keuangan dan Asuransi")
    L = "L", _("L – Real Estat")
    M = "M", _("M – Aktivitas Profesional, Ilmiah dan Teknis")
    N = "N", _("N – Aktivitas Penyewaan, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya")
    O = "O", _("O – Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib")  # noqa: E741
    P = "P", _("P – Pendidikan")
    Q = "Q", _("Q – Aktivitas Kesehatan Manusia dan Aktivitas Sosial")
    R = "R", _("R – Kesenian, Hiburan dan Rekreasi")
    S = "S", _("S – Aktivitas Jasa Lainnya")
    T = "T", _("T – Aktivitas Rumah Tangga sebagai Pemberi Kerja")
    U = "U", _("U – Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya")


class ProductCategory(models.TextChoices):
    FOOD = "makanan", _("Makanan")
    DRINK = "minuman", _("Minuman")
    BATIK = "batik", _("Batik dan kain")
    FASHION = "fesyen", _("Fesyen dan aksesori")
    CRAFT = "kerajinan", _("Kerajinan")
    BEAUTY = "kecantikan", _("Kecantikan dan kesehatan")
    HOUSEHOLD = "rumah_tangga", _("Perlengkapan rumah tangga")
    SERVICE = "jasa", _("Jasa")
    OTHER = "lainnya", _("Lainnya")

    @classmethod
    def food_like(cls) -> set[str]:
        """Categories that need a P-IRT or BPOM number (and halal certification) for retail."""
        return {cls.FOOD, cls.DRINK}


class ProductUnit(models.TextChoices):
    PIECE = "pcs", _("pcs")
    PACK = "pak", _("pak")
    BOX = "kotak", _("kotak")
    BOTTLE = "botol", _("botol")
    JAR = "toples", _("toples")
    KG = "kg", _("kg")
    GRAM = "gram", _("gram")
    LITRE = "liter", _("liter")
    SHEET = "lembar", _("lembar")
    SET = "set", _("set")
    PORTION = "porsi", _("porsi")
    SERVICE = "layanan", _("layanan")
