"""Language data of the synthetic reports: agencies, regions, sasaran, indicators, programs, header labels.

Data only (the Indonesian words of the generator live here, as patterns/ holds the extractor's). The
names follow the shapes of published LKjIP of Riau's regencies and cities; they are drawn, never
parsed. ``FAMILY_B_*`` entries are used only by the held-out layout family (seeds >= 1000).
"""
from __future__ import annotations

AGENCIES = [
    "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Dinas Sosial", "Dinas Perhubungan",
    "Dinas Lingkungan Hidup", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Dinas Koperasi dan Usaha Kecil Menengah",
    "Dinas Tenaga Kerja dan Transmigrasi", "Dinas Pertanian dan Ketahanan Pangan", "Dinas Perikanan",
    "Dinas Komunikasi dan Informatika", "Dinas Perpustakaan dan Kearsipan", "Dinas Pariwisata, Pemuda dan Olahraga",
    "Badan Perencanaan Pembangunan Daerah", "Badan Pengelola Keuangan dan Aset Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Badan Pendapatan Daerah",
    "Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat Daerah", "Satuan Polisi Pamong Praja",
    "Kecamatan Dumai Kota", "Kecamatan Bukit Kapur", "Kecamatan Tampan", "Kecamatan Rambah Hilir",
    "Kecamatan Tebing Tinggi Barat", "Kecamatan Kuantan Tengah",
]

REGIONS = [
    "Kota Dumai", "Kota Pekanbaru", "Kabupaten Kampar", "Kabupaten Siak", "Kabupaten Pelalawan",
    "Kabupaten Bengkalis", "Kabupaten Rokan Hulu", "Kabupaten Rokan Hilir", "Kabupaten Indragiri Hulu",
    "Kabupaten Indragiri Hilir", "Kabupaten Kepulauan Meranti", "Kabupaten Kuantan Singingi", "Provinsi Riau",
]

# (sasaran, [indicator name, unit, lower_is_better, (low, high) of the target]) — the pool a report draws from.
SASARAN = [
    ("Meningkatnya derajat kesehatan masyarakat", [
        ("Angka kematian ibu per 100.000 kelahiran hidup", "per 100.000 KH", True, (60, 120)),
        ("Persentase balita gizi buruk", "%", True, (1, 6)),
        ("Cakupan imunisasi dasar lengkap", "%", False, (80, 98)),
        ("Indeks Kepuasan Masyarakat terhadap pelayanan kesehatan", "nilai", False, (75, 90)),
    ]),
    ("Menurunnya angka kemiskinan dan meningkatnya perlindungan sosial", [
        ("Persentase angka kemiskinan", "%", True, (4, 12)),
        ("Persentase penyandang masalah kesejahteraan sosial yang tertangani", "%", False, (40, 90)),
        ("Jumlah keluarga penerima manfaat yang mandiri", "keluarga", False, (100, 900)),
    ]),
    ("Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah", [
        ("Nilai SAKIP perangkat daerah", "nilai", False, (60, 80)),
        ("Persentase temuan BPK yang ditindaklanjuti", "%", False, (80, 100)),
        ("Jumlah dokumen perencanaan dan pelaporan yang tersusun tepat waktu", "dokumen", False, (4, 14)),
    ]),
    ("Meningkatnya kualitas pelayanan publik", [
        ("Indeks Kepuasan Masyarakat", "nilai", False, (76, 92)),
        ("Persentase pengaduan masyarakat yang diselesaikan", "%", False, (70, 100)),
        ("Rata-rata waktu penyelesaian layanan perizinan", "hari", True, (3, 14)),
    ]),
    ("Meningkatnya kualitas dan kompetensi aparatur sipil negara", [
        ("Persentase ASN yang memenuhi standar kompetensi jabatan", "%", False, (50, 90)),
        ("Jumlah ASN yang mengikuti pengembangan kompetensi", "orang", False, (50, 600)),
        ("Indeks Profesionalitas ASN", "nilai", False, (60, 85)),
    ]),
    ("Meningkatnya kualitas lingkungan hidup", [
        ("Indeks Kualitas Lingkungan Hidup", "nilai", False, (55, 75)),
        ("Persentase sampah yang tertangani", "%", False, (60, 95)),
        ("Jumlah titik panas kebakaran hutan dan lahan", "titik", True, (10, 80)),
    ]),
    ("Meningkatnya tertib administrasi kependudukan", [
        ("Persentase kepemilikan KTP elektronik", "%", False, (90, 99)),
        ("Persentase kepemilikan akta kelahiran anak", "%", False, (85, 99)),
        ("Jumlah dokumen kependudukan yang diterbitkan", "dokumen", False, (2000, 30000)),
    ]),
    ("Meningkatnya kualitas pendidikan", [
        ("Angka partisipasi murni SD/MI", "%", False, (90, 99)),
        ("Angka putus sekolah", "%", True, (0.2, 2)),
        ("Rata-rata lama sekolah", "tahun", False, (8, 11)),
    ]),
    ("Meningkatnya ketenteraman dan ketertiban umum", [
        ("Persentase penegakan peraturan daerah", "%", False, (60, 95)),
        ("Jumlah pelanggaran ketertiban umum", "kasus", True, (20, 200)),
    ]),
    ("Meningkatnya kesiapsiagaan dan penanganan bencana", [
        ("Persentase desa/kelurahan tangguh bencana", "%", False, (20, 70)),
        ("Waktu tanggap darurat bencana", "jam", True, (2, 24)),
        ("Jumlah warga yang mendapat sosialisasi kebencanaan", "orang", False, (200, 3000)),
    ]),
    ("Meningkatnya pertumbuhan ekonomi lokal", [
        ("Jumlah usaha mikro yang naik kelas", "unit", False, (20, 300)),
        ("Persentase tingkat pengangguran terbuka", "%", True, (3, 9)),
        ("Nilai investasi daerah", "miliar rupiah", False, (100, 900)),
    ]),
]

PROGRAMS = [
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", [
        ("Kegiatan Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
         ["Penyusunan Dokumen Perencanaan Perangkat Daerah", "Evaluasi Kinerja Perangkat Daerah"]),
        ("Kegiatan Administrasi Keuangan Perangkat Daerah",
         ["Penyediaan Gaji dan Tunjangan ASN", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan"]),
        ("Kegiatan Administrasi Umum Perangkat Daerah",
         ["Penyediaan Peralatan dan Perlengkapan Kantor", "Penyelenggaraan Rapat Koordinasi dan Konsultasi"]),
        ("Kegiatan Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
         ["Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "Penyediaan Jasa Pelayanan Umum Kantor"]),
    ]),
    ("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", [
        ("Kegiatan Penyediaan Layanan Kesehatan untuk UKM dan UKP",
         ["Pengelolaan Pelayanan Kesehatan Ibu Hamil", "Pengelolaan Pelayanan Kesehatan Balita"]),
    ]),
    ("Program Perlindungan dan Jaminan Sosial", [
        ("Kegiatan Pengelolaan Data Fakir Miskin Cakupan Daerah",
         ["Pengumpulan, Pengolahan, Analisis dan Pemutakhiran Data Fakir Miskin"]),
    ]),
    ("Program Pendaftaran Penduduk", [
        ("Kegiatan Pelayanan Pendaftaran Penduduk", ["Penerbitan Dokumen Pendaftaran Penduduk"]),
    ]),
    ("Program Pencatatan Sipil", [
        ("Kegiatan Pelayanan Pencatatan Sipil", ["Penerbitan Dokumen Pencatatan Sipil"]),
    ]),
    ("Program Pengelolaan Persampahan", [
        ("Kegiatan Pengelolaan Sampah", ["Penyediaan Sarana dan Prasarana Pengelolaan Sampah"]),
    ]),
    ("Program Pengembangan Sumber Daya Manusia", [
        ("Kegiatan Pengembangan Kompetensi Teknis", ["Pelaksanaan Diklat Teknis dan Fungsional"]),
    ]),
    ("Program Penanggulangan Bencana", [
        ("Kegiatan Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana",
         ["Sosialisasi, Komunikasi, Informasi dan Edukasi Rawan Bencana"]),
    ]),
    ("Program Peningkatan Ketenteraman dan Ketertiban Umum", [
        ("Kegiatan Penanganan Gangguan Ketenteraman dan Ketertiban Umum", ["Patroli Wilayah Rawan Gangguan"]),
    ]),
    ("Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro", [
        ("Kegiatan Pemberdayaan Usaha Mikro", ["Pelatihan Kewirausahaan Usaha Mikro"]),
    ]),
    ("Program Pengelolaan Pendidikan", [
        ("Kegiatan Pengelolaan Pendidikan Sekolah Dasar", ["Pembangunan Ruang Kelas Baru", "Pengadaan Mebel Sekolah"]),
    ]),
    ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", [
        ("Kegiatan Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
         ["Penyelenggaraan Musyawarah Perencanaan Pembangunan Kecamatan"]),
    ]),
]

# Column header labels per field; the first of each list is the commonest. FAMILY_B adds labels the
# held-out family uses (some not in patterns/columns.yaml, as in real reports).
HEADERS = {
    "number": ["No", "No.", "NO"],
    "objective": ["Sasaran Strategis", "Sasaran", "SASARAN STRATEGIS"],
    "indicator": ["Indikator Kinerja", "Indikator Kinerja Utama", "INDIKATOR KINERJA"],
    "unit": ["Satuan"],
    "target": ["Target", "TARGET"],
    "realization": ["Realisasi", "REALISASI"],
    "achievement": ["Capaian (%)", "Capaian", "% Capaian"],
    "predicate": ["Predikat", "Kategori", "Kriteria"],
    "description": ["Keterangan", "Ket."],
    "renstra_target": ["Target Akhir Renstra"],
    "quarters": ["Realisasi Triwulan", "Realisasi"],
    "formula": ["Formulasi", "Cara Perhitungan", "Definisi Operasional"],
    "data_source": ["Sumber Data"],
    "renstra_achievement": ["Capaian terhadap Target Akhir Renstra (%)", "Tingkat Kemajuan (%)"],
    "responsible": ["Penanggung Jawab", "PIC"],
    "program": ["Program/Kegiatan/Sub Kegiatan", "Program / Kegiatan", "Uraian Program/Kegiatan"],
    "allocation": ["Anggaran (Rp)", "Pagu Anggaran", "Alokasi Anggaran"],
    "budget_realization": ["Realisasi (Rp)", "Realisasi Anggaran", "Realisasi Keuangan"],
    "absorption": ["Penyerapan (%)", "Serapan (%)", "% Realisasi"],
}
FAMILY_B_HEADERS = {
    "indicator": ["Indikator Sasaran", "Ukuran Keberhasilan"],
    "target": ["Rencana", "Target Kinerja"],
    "realization": ["Realisasi Kinerja", "Hasil"],
    "achievement": ["Persentase Capaian", "Tingkat Capaian (%)"],
    "predicate": ["Status", "Predikat Capaian"],
    "allocation": ["Pagu (Rp)", "Dana Tersedia"],
    "budget_realization": ["Realisasi Belanja (Rp)", "Dana Terserap"],
    "absorption": ["Daya Serap (%)", "Persentase Penyerapan"],
}

PREDICATE_SCALES = {
    "atribut_capaian": [("Sangat Berhasil", 85), ("Berhasil", 70), ("Cukup Berhasil", 55), ("Tidak Berhasil", None)],
    "permendagri_86_2017": [("Sangat Tinggi", 91), ("Tinggi", 76), ("Sedang", 66), ("Rendah", 51), ("Sangat Rendah", None)],
}

QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]
RESPONSIBLE = ["Sekretariat", "Bidang Perencanaan", "Bidang Pelayanan", "Bidang Pengendalian", "UPT"]
DATA_SOURCES = ["Laporan bidang", "Aplikasi SIPD", "Hasil survei", "Data BPS", "Laporan tahunan", "Rekapitulasi bidang"]
FORMULA = {"%": "(jumlah yang tercapai / jumlah seluruhnya) x 100%", "nilai": "Hasil pengukuran indeks",
           "default": "Jumlah yang dicapai dalam satu tahun"}

# A program's own outcome indicator ("indikator program"), printed beside its budget.
PROGRAM_INDICATORS = ["Persentase kegiatan {subject} yang terlaksana tepat waktu",
                      "Persentase capaian target {subject}", "Tingkat keberhasilan {subject}"]

# Paragraphs of ordinary report prose, to fill sections and push tables over page breaks.
FILLER = [
    "Laporan kinerja ini disusun sebagai bentuk pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi "
    "serta penggunaan anggaran selama satu tahun anggaran.",
    "Pengukuran kinerja dilakukan dengan membandingkan realisasi kinerja dengan target yang telah ditetapkan "
    "dalam dokumen perjanjian kinerja.",
    "Hasil evaluasi menjadi masukan bagi perbaikan perencanaan dan pelaksanaan program pada tahun berikutnya.",
    "Koordinasi dengan perangkat daerah terkait terus ditingkatkan agar sasaran yang telah ditetapkan dapat dicapai.",
    "Permasalahan yang dihadapi antara lain keterbatasan sumber daya manusia serta sarana dan prasarana pendukung.",
]

# ----------------------------------------------------------------------------------------------- annexes and claims
# Words of the annexes and of the claims in prose (tests/synth/annex.py, appendix.py), per layout family:
# family B (held out) uses other captions, header words and sentence templates than family A.

EFFICIENCY_SCALE = [("Sangat Efisien", "1.2"), ("Efisien", "1"), ("Kurang Efisien", "0.8"), ("Tidak Efisien", None)]

ANNEX_WORDS = {
    "A": {
        "annex": "LAMPIRAN",
        "budget_caption": "RENCANA KERJA DAN REALISASI ANGGARAN PER SUB KEGIATAN TAHUN {year}",
        "budget_header": ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu Anggaran (Rp)", "Realisasi Triwulan",
                          "Jumlah Realisasi (Rp)", "%"],
        "quarters": ["TW I", "TW II", "TW III", "TW IV"],
        "total": "JUMLAH",
        "plan_caption": "RENCANA AKSI PERJANJIAN KINERJA TAHUN {year}",
        "plan_header": ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target Tahunan",
                        "Target Pelaksanaan"],
        "plan_quarters": ["TW 1", "TW 2", "TW 3", "TW 4"],
        "efficiency_caption": "Kategori Tingkat Efisiensi",
        "efficiency_header": ["Nilai Efisiensi", "Kategori"],
    },
    "B": {
        "annex": "LAMPIRAN LAPORAN KINERJA",
        "budget_caption": "EVALUASI REALISASI FISIK DAN KEUANGAN TRIWULANAN TAHUN ANGGARAN {year}",
        "budget_header": ["No", "Uraian", "Dana Tersedia (Rp)", "Realisasi Keuangan per Triwulan",
                          "Total Realisasi (Rp)", "Capaian Keuangan (%)"],
        "quarters": ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
        "total": "TOTAL",
        "plan_caption": "MATRIKS TARGET TRIWULANAN INDIKATOR KINERJA TAHUN {year}",
        "plan_header": ["No.", "Tujuan/Sasaran", "Ukuran Keberhasilan", "Satuan", "Target {year}",
                        "Target Kumulatif"],
        "plan_quarters": ["Tri Wulan 1", "Tri Wulan 2", "Tri Wulan 3", "Tri Wulan 4"],
        "efficiency_caption": "Kriteria Efisiensi Penggunaan Sumber Daya",
        "efficiency_header": ["Rentang Nilai", "Kriteria"],
    },
}

# How a trend sentence names a direction: family A with verbs, family B with nouns ("mengalami …").
DIRECTION_WORDS = {
    "A": {"up": "meningkat", "down": "menurun", "same": "tetap (sama)"},
    "B": {"up": "mengalami peningkatan", "down": "mengalami penurunan", "same": "tidak mengalami perubahan"},
}

CLAIM_TEMPLATES = {
    "A": {
        "levels": "Untuk mencapai sasaran strategis tersebut, {agency} pada tahun {year} melaksanakan "
                  "{program} Program yang terdiri dari {activity} Kegiatan dan {subactivity} Sub Kegiatan.",
        "trend": "Realisasi indikator {indicator} tahun {year} sebesar {value} {direction} dibandingkan "
                 "tahun {previous_year} sebesar {previous}.",
        "overall": "Secara keseluruhan, rata-rata capaian kinerja {agency} tahun {year} sebesar {average} "
                   "dengan kategori {predicate}.",
        "efficiency": "Pencapaian tersebut menunjukkan bahwa efisiensi penggunaan sumber daya termasuk dalam "
                      "kategori {label}.",
    },
    "B": {
        "levels": "Pelaksanaan Renja tahun {year} meliputi {program} program, {activity} kegiatan, serta "
                  "{subactivity} sub kegiatan.",
        "trend": "Dibandingkan tahun {previous_year} ({previous}), realisasi {indicator} pada tahun {year} "
                 "({value}) {direction}.",
        "overall": "Dengan rata-rata capaian {average}, kinerja {agency} tahun {year} berada pada predikat "
                   "{predicate}.",
        "efficiency": "Dengan demikian penggunaan sumber daya dinilai {label}.",
    },
}
