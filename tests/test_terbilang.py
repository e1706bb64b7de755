"""Indonesian numbers in words: tables of examples, a round trip, and the pattern data they need."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from extractor import patterns
from extractor.terbilang import find_amounts_in_words, number_to_words, words_to_number

# words, value; corpus rows name the report line they came from
CORPUS = [
    ("Sembilan Puluh Delapan Milyar Lima Ratus Tujuh Puluh Lima Juta Seratus Enam Puluh Enam Ribu "
     "Sembilan Ratus Dua Puluh Empat Rupiah", 98575166924),                     # sekretariat-daerah_2023.txt:284
    ("delapan miliar seratus delapan puluh lima juta tujuh ratus lima\npuluh delapan ribu enam ratus "
     "enam puluh empat rupiah", 8185758664),                                    # bkpsdm_2023_ocr.txt:401
    ("*Tujuh Miliar Empat Ratus Enam Puluh Empat Juta Empat Ratus Empat Puluh Lima Ribu Dua Ratus Dua "
     "Rupiah*", 7464445202),                                                    # dinsos-pmd_2023.txt:237
    ("Enam puluh lima milyar tujuh puluh lima juta limaratus enam puluh dua ribu dua ratus delapan "
     "puluh satu rupiah,-", 65075562281),                                       # sekretariat-daerah_2023.txt:807
    ("seratus sembilan belas juta delapan ratus tiga puluh dua ribu rupiah", 119832000),  # bkpsdm:555
    ("Tiga Belas Miliar Sembilan Ratus Empat Juta Dua Ratus Tujuh Puluh Satu Ribu Tujuh Ratus Empat "
     "Puluh Rupiah", 13904271740),                                              # dinsos-pmd_2023.txt:289
    ("Empat puluh Tiga", 43),                                                   # kecamatan-dumai-kota_2022.txt:42
    ("Seratus empat puluh satu", 141),                                          # sekretariat-daerah_2023.txt
    ("sebelas", 11),                                                            # sekretariat-daerah_2023.txt
    ("nol koma enam delapan", "0.68"),                                          # bkpsdm_2023_ocr.txt:4124
    ("Delapan puluh lima persen", 85),                                          # disdukcapil_2023.txt:548
]

SYNTHETIC = [
    ("nol", 0), ("satu", 1), ("sepuluh", 10), ("dua belas", 12), ("dua puluh", 20), ("seratus", 100),
    ("seratus satu", 101), ("seratus sepuluh", 110), ("seratus sebelas", 111), ("dua ratus", 200),
    ("seribu", 1000), ("seribu satu", 1001), ("sebelas ribu", 11000), ("seratus ribu", 100000),
    ("sejuta", 10 ** 6), ("satu juta", 10 ** 6), ("semiliar", 10 ** 9), ("semilyar", 10 ** 9),
    ("satu miliar", 10 ** 9), ("satu triliun", 10 ** 12), ("setriliun", 10 ** 12),
    ("seribu triliun", 10 ** 15), ("sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan "
                                   "puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan "
                                   "ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
                                   10 ** 15 - 1),
    ("dua koma lima", "2.5"), ("seratus koma nol lima", "100.05"), ("satu koma dua puluh lima", "1.25"),
]

EDGES = [
    ("  SERATUS   dua-puluh  ", 120),                 # case, hyphens, extra spaces
    ("_dua ribu_ **rupiah**", 2000),                  # markdown
    ("duapuluh lima", 25),                            # OCR-glued words
    ("seratusribu", 100000),
    ("dua milyard", 2 * 10 ** 9),
    ("lima trilyun", 5 * 10 ** 12),
    ("dua puluh lima prosen", 25),
]

UNPARSEABLE = [
    "",
    "sangat tinggi",
    "Program Prioritas",
    "enam puluh orang",                                # words after the number
    "Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah",  # disdukcapil_2023.txt:153
    "dua juta tiga juta",                             # scales must fall
    "ribu",                                           # a scale needs a multiplier
    "dua puluh tiga puluh",
    "sepuluh belas",
    "satu nol",
    "rupiah",
    "dua koma",
    "koma lima",
    "dua koma lima koma satu",
    "rupiah dua",
    "2 juta",                                         # digits are not words
    "seribu juta",                                    # only the largest scale takes a multiplier >= 1000
]


@pytest.mark.parametrize("words, value", CORPUS + SYNTHETIC + EDGES)
def test_words_to_number(words, value):
    assert words_to_number(words) == Decimal(str(value))


@pytest.mark.parametrize("words", UNPARSEABLE)
def test_words_to_number_refuses(words):
    assert words_to_number(words) is None


WRITTEN = [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (19, "sembilan belas"), (20, "dua puluh"),
    (100, "seratus"), (110, "seratus sepuluh"), (1000, "seribu"), (1001, "seribu satu"),
    (21000, "dua puluh satu ribu"), (10 ** 6, "satu juta"), (10 ** 9, "satu miliar"),
    (10 ** 12, "satu triliun"), (10 ** 15, "seribu triliun"), (2 * 10 ** 15, "dua ribu triliun"),
    (98575166924, "sembilan puluh delapan miliar lima ratus tujuh puluh lima juta seratus enam puluh enam "
                  "ribu sembilan ratus dua puluh empat"),                     # sekretariat-daerah_2023.txt:284
    (9031524456, "sembilan miliar tiga puluh satu juta lima ratus dua puluh empat ribu empat ratus lima "
                 "puluh enam"),                                               # what line 327 should have said
]


@pytest.mark.parametrize("n, words", WRITTEN)
def test_number_to_words(n, words):
    assert number_to_words(n) == words


def test_number_to_words_refuses_negative():
    with pytest.raises(ValueError):
        number_to_words(-1)


def _sample() -> list[int]:
    """All of 0..1099, every power of ten and its neighbours, and 3000 log-uniform draws up to 10**15."""
    rng = random.Random(20231231)
    values = set(range(1100)) | {10 ** 15}
    for k in range(1, 16):
        values |= {10 ** k - 1, 10 ** k, 10 ** k + 1, 11 * 10 ** (k - 1)}
    values |= {rng.randrange(10 ** rng.randint(1, 15)) for _ in range(3000)}
    return sorted(values)


def test_round_trip():
    failures = [n for n in _sample() if words_to_number(number_to_words(n)) != n]
    assert failures == []


def test_pattern_data_covers_the_words_spacy_lacks():
    data = patterns.load("numbers")
    spellings = {w.lower() for words in data["scales"].values() for w in words} | set(data["se_forms"])
    assert {"seratus", "seribu", "sejuta", "milyar", "miliar"} <= spellings
    assert data["scales"][9][0] == "miliar", "the standard spelling comes first: number_to_words writes it"
    for word, value in [("seratus", 100), ("seribu", 1000), ("sejuta", 10 ** 6), ("satu milyar", 10 ** 9),
                        ("satu miliar", 10 ** 9)]:
        assert words_to_number(word) == value


def test_se_forms_point_at_known_words():
    data = patterns.load("numbers")
    known = {str(w).lower() for key in ("teen", "tens", "hundreds") for w in data[key]}
    known |= {w.lower() for words in data["scales"].values() for w in words}
    assert set(data["se_forms"].values()) <= known
    assert set(data["written_se_forms"]) <= set(data["se_forms"])


# text, [(digits value, words, words value or None, raw of span)]
AMOUNTS = [
    ("didukung dengan anggaran sebesar Rp 98.575.166.924 (*Sembilan Puluh Delapan Milyar Lima Ratus Tujuh "
     "Puluh Lima Juta Seratus Enam Puluh Enam Ribu Sembilan Ratus Dua Puluh Empat Rupiah*) untuk",
     [("98575166924", "Sembilan Puluh Delapan Milyar Lima Ratus Tujuh Puluh Lima Juta Seratus Enam Puluh "
       "Enam Ribu Sembilan Ratus Dua Puluh Empat Rupiah", "98575166924")]),   # sekretariat-daerah_2023.txt:284
    ("*BELANJA MODAL* sebesar Rp. 950.740.557 (*Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu "
     "rupiah*).",
     [("950740557", "Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah", None)]),  # disdukcapil:153
    ("*BELANJA MODAL* sebesar Rp. 9.031.524.456,- (*Sembilan Milyar Tiga Puluh Satu Juta Lima Ratus Dua Puluh "
     "Ribu Empat Ratus Lima Puluh Enam Rupiah*).",
     [("9031524456", "Sembilan Milyar Tiga Puluh Satu Juta Lima Ratus Dua Puluh Ribu Empat Ratus Lima Puluh "
       "Enam Rupiah", "9031520456")]),                                        # sekretariat-daerah_2023.txt:327
    ("Belanja Operasi sebesar Rp. 9.949.394.762\n(sembilan miliar sembilan ratus empat puluh sembilan juta "
     "tiga ratus sembilan puluh\nempat ribu tujuh ratus enam puluh dua rupiah) dan",
     [("9949394762", "sembilan miliar sembilan ratus empat puluh sembilan juta tiga ratus sembilan puluh "
       "empat ribu tujuh ratus enam puluh dua rupiah", "9949394762")]),       # bkpsdm_2023_ocr.txt:549
    ("sebesar 5.000 (lima ribu rupiah)", [("5000", "lima ribu rupiah", "5000")]),
    ("untuk melaksanakan 3 (tiga) Program dengan Rp. 8.185.758.664 DBH & DAU", []),
    ("sebesar Rp. 10.070.867.140 (DAU) bersumber", []),
]


@pytest.mark.parametrize("text, expected", AMOUNTS)
def test_find_amounts_in_words(text, expected):
    found = find_amounts_in_words(text)
    assert [(f.value, words, value) for f, words, value, _ in found] == [
        (Decimal(d), w, None if v is None else Decimal(v)) for d, w, v in expected]
    for figure, _, _, (start, end) in found:
        assert text[start:].startswith(figure.raw) and text[end - 1] == ")"
