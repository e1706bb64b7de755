"""Who reports, for where, which year: regions of one to three words, agencies with their region."""
import pytest

from extractor.metadata import find_agency, find_metadata, find_region, find_year
from extractor.read.base import Line

REGIONS = [
    ("Kota Dumai", "Laporan Kinerja Kota Dumai Tahun 2023. APBD Kota Dumai pada tahun 2023."),
    ("Kabupaten Rokan Hulu", "Pemerintah Kabupaten Rokan Hulu. Bupati Rokan Hulu. Kabupaten Rokan Hulu Tahun 2022."),
    ("Kabupaten Kepulauan Meranti", "LKjIP Kabupaten Kepulauan Meranti Tahun 2021; KABUPATEN KEPULAUAN MERANTI"),
    ("Kabupaten Kuantan Singingi", "Dinas Sosial Kabupaten Kuantan Singingi. Kabupaten Kuantan Singingi Dalam Angka"),
    ("Provinsi Riau", "Badan Pendapatan Daerah Provinsi Riau Tahun 2019 … Provinsi Riau."),
]


@pytest.mark.parametrize("region, text", REGIONS)
def test_region_of_one_to_three_words(region, text):
    assert find_region(text) == region


def test_a_capitalised_word_after_the_region_in_one_printing_is_not_part_of_it():
    text = "Kota Dumai Tahun 2023. Kota Dumai. Kota Dumai Sebagai kota pelabuhan. Kota Dumai."
    assert find_region(text) == "Kota Dumai"


def test_agency_keeps_a_two_word_region():
    text = ("LAPORAN KINERJA DINAS PENDIDIKAN KABUPATEN ROKAN HULU TAHUN 2022\n"
            "Dinas Pendidikan Kabupaten Rokan Hulu menyusun laporan ini. Dinas Pendidikan Kabupaten Rokan Hulu.")
    lines = [Line(number=i + 1, text=t, raw=t) for i, t in enumerate(text.splitlines())]
    agency, region, year = find_metadata(lines)
    assert (agency, region, year) == ("Dinas Pendidikan Kabupaten Rokan Hulu", "Kabupaten Rokan Hulu", 2022)
    assert find_agency(text, "Kabupaten Rokan Hulu") == "Dinas Pendidikan Kabupaten Rokan Hulu"


KECAMATAN = """LAPORAN KINERJA INSTANSI PEMERINTAH
KECAMATAN TAPUNG HILIR
KABUPATEN KAMPAR
TAHUN 2022

BAB I PENDAHULUAN
Kecamatan Tapung Hilir melayani perekaman KTP elektronik bersama Dinas Kependudukan dan Pencatatan Sipil.
Jadwal perekaman disusun oleh Dinas Kependudukan dan Pencatatan Sipil; data dikirim ke Dinas Kependudukan dan
Pencatatan Sipil setiap bulan. Bantuan sosial disalurkan bersama Dinas Sosial dan Dinas Sosial memverifikasi data.
"""


def test_agency_is_the_one_on_the_cover_not_the_one_named_most():
    """A kecamatan's report names the Dinas it works with more often than itself; its cover names it."""
    lines = [Line(number=i + 1, text=t, raw=t) for i, t in enumerate(KECAMATAN.splitlines())]
    assert find_metadata(lines) == ("Kecamatan Tapung Hilir Kabupaten Kampar", "Kabupaten Kampar", 2022)


def test_agency_from_a_running_page_header_when_the_cover_names_none():
    body = ["KATA PENGANTAR", "Laporan ini disusun dengan bantuan Badan Pusat Statistik.",
            "Badan Pusat Statistik menyediakan data; Badan Pusat Statistik juga membantu."]
    pages = [[f"LKjIP Dinas Perhubungan Kabupaten Kampar Tahun 2022", f"Tabel {n}. Data Badan Pusat Statistik"]
             for n in range(1, 5)]
    texts = ["" for _ in range(45)] + body + [t for page in pages for t in page]
    lines = [Line(number=i + 1, text=t, raw=t) for i, t in enumerate(texts)]
    agency, region, _ = find_metadata(lines)
    assert (agency, region) == ("Dinas Perhubungan Kabupaten Kampar", "Kabupaten Kampar")


def test_region_not_taken_from_a_kabupaten_kota_heading_nor_a_neighbouring_kind():
    """'Kecamatan Dumai Kota Kabupaten Pelalawan' and program rows '… Kabupaten/Kota Rp. 5.949.723.600'."""
    text = ("KECAMATAN DUMAI KOTA PEMERINTAH KABUPATEN PELALAWAN. Kecamatan Dumai Kota Kabupaten Pelalawan Tahun 2016. "
            + "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota Rp. 5.949.723.600 " * 4)
    assert find_region(text) == "Kabupaten Pelalawan"


def test_year_is_read_within_lines_and_title_lines_count_double():
    body = [Line(i, "", "catatan") for i in range(1, 41)]  # the 40 title lines
    lines = [Line(1, "", "LKjIP Tahun 2022")] + body[1:] + [Line(41, "", "Tahun 2023; tahun anggaran 2023")]
    assert find_year(lines) == 2022  # twice for the title line, against two printings in the body
    lines.append(Line(42, "", "Tahun\t2023"))
    assert find_year(lines) == 2023
    # "Tahun" ending one line and "2024" opening the next is no printing of the year
    assert find_year([Line(1, "", "Laporan Tahun"), Line(2, "", "2024 dan"), Line(3, "", "x")]) is None
