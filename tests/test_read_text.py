"""Reading text reports: encodings, clean-up of HTML/markdown/math, cells, typed errors."""
import pytest

from extractor.errors import EmptyInput, UnreadableInput
from extractor.read import read_document
from extractor.read.text import clean, decode, split_cells, text_to_lines


@pytest.mark.parametrize("raw,cleaned", [
    # corpus: kota-dumai_sekretariat-daerah_2023.txt line 345
    ("<p>Tujuan : Terlaksananya Fasilitasi</p> <p>Sasaran : Kerjasama</p>", "Tujuan : Terlaksananya Fasilitasi Sasaran : Kerjasama"),
    # corpus: line 284, spelled-out rupiah in markdown emphasis
    ("Rp 98.575.166.924 (*Sembilan Puluh Delapan Milyar*)", "Rp 98.575.166.924 (Sembilan Puluh Delapan Milyar)"),
    ("**PEMERINTAH KOTA DUMAI**", "PEMERINTAH KOTA DUMAI"),
    ("<u>Program</u>", "Program"),
    # corpus: kota-dumai_kecamatan-dumai-kota_2022.txt line 450
    (r"$$y = a / b \times 100 \% \text{ ----> } 89,87 / 87 \times 100\% = 103,2 \%$$", "y = a / b × 100 % ----> 89,87 / 87 × 100% = 103,2 %"),
    (r"$capaian = \frac{realisasi}{target} \times 100\%$", "capaian = (realisasi)/(target) × 100%"),
    (r"$76 \leq 90$", "76 ≤ 90"),
    ("3 * 4 = 12", "3 * 4 = 12"),  # a lone asterisk is not emphasis
])
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_cells_keep_empty_columns_and_drop_rule_rows():
    assert split_cells("\t\tPersentase\t%\t100") == ["", "", "Persentase", "%", "100"]
    assert split_cells("----\t-----\t--") == []


def test_lines_keep_numbers_and_raw_text():
    lines = text_to_lines("Judul\n<p>a</p>\tb\n")
    assert [l.number for l in lines] == [1, 2]
    assert lines[1].raw == "<p>a</p>\tb" and lines[1].cells == ["a", "b"] and lines[1].is_row


def test_bom_and_cp1252_fallback_with_warning():
    assert decode("\ufeffLaporan".encode("utf-8"), "x")[0] == "Laporan"
    text, encoding, warnings = decode("Realisasi 100% – baik".encode("cp1252"), "x")
    assert encoding == "cp1252" and "–" in text and warnings[0].code == "W_ENCODING"


def test_empty_and_binary_files_are_typed_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(EmptyInput) as info:
        read_document(empty)
    assert info.value.code == "E001" and "empty.txt" in str(info.value)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(UnreadableInput) as info:
        read_document(binary)
    assert info.value.code == "E002"
