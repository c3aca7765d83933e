"""Word lists for realistic, synthetic Solo demo data (no real persons)."""

MALE = [
    "Agus", "Bambang", "Budi", "Dimas", "Eko", "Fajar", "Hadi", "Heru", "Joko", "Slamet", "Sugeng",
    "Teguh", "Wahyu", "Yusuf", "Rudi", "Bayu", "Aris", "Nur", "Rizky", "Anton", "Didik", "Gunawan",
    "Hendro", "Imam", "Kurniawan", "Mulyono", "Puguh", "Sarjono", "Tri", "Widi", "Yoga", "Ahmad",
]  # fmt: skip
FEMALE = [
    "Sri", "Siti", "Endang", "Wulan", "Rina", "Dewi", "Ratna", "Ani", "Tutik", "Suharti", "Yuni",
    "Retno", "Kartika", "Puji", "Murni", "Ayu", "Nining", "Indah", "Fitri", "Lestari", "Sumarni",
    "Widya", "Astuti", "Dian", "Eni", "Hesti", "Irma", "Larasati", "Ningsih", "Rahmawati", "Tri", "Yanti",
]  # fmt: skip
SURNAMES = [
    "Wibowo", "Santoso", "Prasetyo", "Susanto", "Setiawan", "Kurniawan", "Hartono", "Nugroho", "Purnomo",
    "Widodo", "Rahayu", "Wulandari", "Handayani", "Suryani", "Pratiwi", "Saputra", "Hidayat", "Utomo",
    "Raharjo", "Sulistyo", "Hermawan", "Wijayanti", "Susilo", "Pamungkas", "Haryanto", "Sukoco",
    "Suparno", "Mulyani", "Anggraini", "Budiarti", "Riyadi", "Sasongko",
]  # fmt: skip
STREETS = [
    "Jl. Slamet Riyadi", "Jl. Dr. Radjiman", "Jl. Veteran", "Jl. Kapten Mulyadi", "Jl. Adi Sucipto",
    "Jl. Ahmad Yani", "Jl. Gatot Subroto", "Jl. Urip Sumoharjo", "Jl. Sutan Syahrir", "Jl. Kolonel Sutarto",
    "Jl. Yos Sudarso", "Jl. Honggowongso", "Jl. Ir. Juanda", "Jl. Letjen Suprapto", "Jl. Brigjen Katamso",
    "Jl. Kahar Muzakir", "Jl. Tentara Pelajar", "Jl. Samanhudi", "Jl. Perintis Kemerdekaan", "Jl. Sam Ratulangi",
]  # fmt: skip
PLACE_WORDS = [
    "Sekar", "Sari", "Mulya", "Rejeki", "Makmur", "Lancar", "Barokah", "Sejahtera", "Mandiri", "Sentosa",
    "Laras", "Kencana", "Asri", "Jaya", "Arum", "Mekar", "Wangi", "Putri", "Raras", "Ayu",
]  # fmt: skip

# Business lines typical of Solo: (weight, name patterns, KBLI section, KBLI codes, products)
# products: (name, category, unit, min price, max price)
LINES = [
    (22, ["Batik {w}", "Batik Tulis {w}", "Griya Batik {w}", "Batik Cap {w}"], "C", ["13134", "13139"], [
        ("Kain batik tulis motif Parang", "batik", "lembar", 250_000, 1_500_000),
        ("Kain batik cap Sidomukti", "batik", "lembar", 95_000, 350_000),
        ("Kemeja batik pria", "fesyen", "pcs", 120_000, 450_000),
        ("Selendang batik", "batik", "lembar", 60_000, 200_000),
        ("Blus batik wanita", "fesyen", "pcs", 110_000, 380_000),
    ]),
    (30, ["Dapur {w}", "Camilan {w}", "Kue {w}", "Serabi {w}", "Intip {w}", "Sambal {w}"], "C", ["10710", "10794", "10799"], [
        ("Serabi Notosuman", "makanan", "kotak", 25_000, 60_000),
        ("Intip goreng", "makanan", "pak", 15_000, 35_000),
        ("Karak (kerupuk beras)", "makanan", "pak", 10_000, 25_000),
        ("Keripik tempe", "makanan", "pak", 12_000, 30_000),
        ("Sambal bawang botol", "makanan", "botol", 18_000, 45_000),
        ("Roti kembang waru", "makanan", "kotak", 20_000, 50_000),
        ("Abon sapi", "makanan", "toples", 45_000, 120_000),
    ]),
    (10, ["Wedang {w}", "Jamu {w}", "Minuman {w}"], "C", ["11040", "10799"], [
        ("Wedang uwuh", "minuman", "pak", 15_000, 35_000),
        ("Jamu beras kencur", "minuman", "botol", 8_000, 20_000),
        ("Sirup jahe merah", "minuman", "botol", 25_000, 60_000),
    ]),
    (12, ["Warung {w}", "Timlo {w}", "Selat {w}", "Nasi Liwet {w}"], "I", ["56102", "56103"], [
        ("Nasi liwet ayam", "makanan", "porsi", 15_000, 30_000),
        ("Timlo Solo", "makanan", "porsi", 15_000, 28_000),
        ("Selat Solo", "makanan", "porsi", 18_000, 35_000),
    ]),
    (12, ["Kriya {w}", "Kerajinan {w}", "Wayang {w}", "Anyaman {w}"], "C", ["16299", "32909", "32112"], [
        ("Wayang kulit hias", "kerajinan", "pcs", 150_000, 900_000),
        ("Tas anyaman pandan", "kerajinan", "pcs", 75_000, 250_000),
        ("Blangkon Solo", "fesyen", "pcs", 60_000, 180_000),
        ("Gantungan kunci batik", "kerajinan", "pcs", 10_000, 25_000),
    ]),
    (8, ["Busana {w}", "Konveksi {w}", "Butik {w}"], "C", ["14111", "14120"], [
        ("Gamis motif batik", "fesyen", "pcs", 175_000, 450_000),
        ("Kaos sablon Solo", "fesyen", "pcs", 60_000, 120_000),
        ("Masker kain batik", "fesyen", "pcs", 8_000, 20_000),
    ]),
    (6, ["Laundry {w}", "Jahit {w}", "Servis {w}", "Salon {w}"], "S", ["96200", "95230", "96111"], [
        ("Cuci setrika kiloan", "jasa", "kg", 6_000, 10_000),
        ("Jasa jahit kebaya", "jasa", "layanan", 150_000, 600_000),
        ("Servis sepatu", "jasa", "layanan", 25_000, 80_000),
    ]),
]  # fmt: skip
