"""Identity and linking (extractor/identity/): keys derived from content, agency
names folded to one key, and one indicator followed over five years of generated reports."""
from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from extractor import identity
from extractor.errors import OverrideFileError
from extractor.identity.linking import LINK_SCORE, NameRecord, Overrides, link_indicators, link_programs, read_overrides
from extractor.metadata import find_metadata
from extractor.pipeline import Options, extract
from extractor.read import read_document
from synth.document import build
from synth.series import series
from synth.text import render_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = (5, 12)  # two agencies' five-year series (BPBD of Kuantan Singingi, and another)


# ------------------------------------------------------------------ folding names

@pytest.mark.parametrize("printed, folded", [
    ("PROSENTASE Pengaduan  Masyarakat", "persentase pengaduan masyarakat"),
    ("Presentase ASN yg dilatih", "persentase aparatur sipil negara yang dilatih"),
    ("Indeks Kepuasan Masyarakat (IKM)", "indeks kepuasan masyarakat"),
    ("Rata-rata lama sekolah", "rata rata lama sekolah"),
    ("Dinas Koperasi & UKM", "dinas koperasi usaha kecil menengah"),
    ("P E R S E N T A S E", "persentase"),
    ("Jml. dokumen", "jumlah dokumen"),
])
def test_fold_name(printed, folded):
    assert identity.fold_name(printed) == folded


@pytest.mark.parametrize("region, key", [
    ("Kota Dumai", "kota-dumai"), ("KOTA DUMAI", "kota-dumai"), ("Pemerintah Kota Dumai", "kota-dumai"),
    ("Kabupaten Kampar", "kabupaten-kampar"), ("Kab. Kampar", "kabupaten-kampar"),
    ("Kabupaten Kepulauan Meranti", "kabupaten-kepulauan-meranti"), ("Propinsi Riau", "provinsi-riau"),
    (None, "unknown"),
])
def test_region_key(region, key):
    assert identity.region_key(region) == key


# ------------------------------------------------------------------ agencies

def _expected(stem: str) -> dict:
    return yaml.safe_load((ROOT / "tests" / "expected" / f"{stem}.yaml").read_text("utf-8"))


CORPUS_AGENCIES = [  # file stem, agency key, acronym of the canonical form
    ("kota-dumai_bkpsdm_2023_ocr", "kota-dumai/bkpsdm", "BKPSDM"),
    ("kota-dumai_dinsos-pmd_2023", "kota-dumai/dinsos-pmd", "Dinsos PMD"),
    ("kota-dumai_disdukcapil_2023", "kota-dumai/disdukcapil", "Disdukcapil"),
    ("kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai/kecamatan-dumai-kota", None),
    ("kota-dumai_sekretariat-daerah_2023", "kota-dumai/setda", "Setda"),
]


@pytest.mark.parametrize("stem, key, acronym", CORPUS_AGENCIES)
def test_corpus_agencies_as_read_by_a_person(stem, key, acronym):
    expected = _expected(stem)
    assert identity.agency_key(expected["agency"], expected["region"]) == key
    assert identity.normalise_agency(expected["agency"], expected["region"]).acronym == acronym


@pytest.mark.parametrize("stem, key, acronym", CORPUS_AGENCIES)
def test_corpus_agencies_as_the_extractor_reads_them(stem, key, acronym):
    agency, region, _ = find_metadata(read_document(CORPUS / f"{stem}.txt").lines)
    assert identity.agency_key(agency, region) == key
    assert identity.normalise_agency(agency, region).known


@pytest.mark.parametrize("printed, region, key", [
    ("BKPSDM", "Kota Dumai", "bkpsdm"),
    ("Badan Kepegawaian dan Pengembangan SDM Kota Dumai", "Kota Dumai", "bkpsdm"),
    ("Disdukcapil", None, "disdukcapil"),
    ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA DUMAI", None, "disdukcapil"),
    ("Dinas Kependudukan dan Pencatatan Sipi1", None, "disdukcapil"),   # OCR: 1 for l
    ("Dinas Sosial dan PMD", "Kota Dumai", "dinsos-pmd"),
    ("Dinsos PMD", "Kota Dumai", "dinsos-pmd"),
    ("Dinas Sosial", "Kota Dumai", "dinsos"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "Kabupaten Kampar", "dpmd"),   # not Dinsos PMD
    ("Setda Kota Dumai", "Kota Dumai", "setda"),
    ("Sekretariat DPRD", None, "setwan"),
    ("Sekretariat Dewan Perwakilan Rakyat Daerah Kabupaten Siak", "Kabupaten Siak", "setwan"),
    ("Kantor Camat Dumai Kota", "Kota Dumai", "kecamatan-dumai-kota"),
    ("Kec. Bukit Kapur", "Kota Dumai", "kecamatan-bukit-kapur"),
    ("Badan Perencanaan Pembangunan Daerah", "Kabupaten Kampar", "bappeda"),
    ("Dinas Kesehatan Kabupaten Kepulauan Meranti", None, "dinkes"),
    ("Dinas Pendidikan", None, "disdik"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", None, "dpmptsp"),
    ("Badan Pengelola Keuangan dan Aset Daerah", None, "bpkad"),
    ("Inspektorat Daerah Kota Dumai", "Kota Dumai", "inspektorat"),
    ("Kependudukan dan Pencatatan Sipil", None, "disdukcapil"),   # the head word left out
    ("Pemerintah Kota Dumai Dinas Kesehatan", "Kota Dumai", "dinkes"),
    ("Dinas Perdagangan dan Perindustrian", None, "disperindag"),   # the parts in another order
    ("Dinas Pertanian dan Ketahanan Pangan Kabupaten Siak", "Kabupaten Siak",
     "dinas-pertanian-ketahanan-pangan"),                                         # unknown: its folded form
    ("Dinas Tata Kota dan Pertamanan Kota Dumai", None, "dinas-tata-kota-pertamanan"),
])
def test_agency_forms(printed, region, key):
    assert identity.normalise_agency(printed, region).key == key


def test_an_unknown_agency_keeps_its_printed_name_without_the_region():
    agency = identity.normalise_agency("Dinas Tata Kota dan Pertamanan Kota Dumai", "Kota Dumai")
    assert (agency.name, agency.known, agency.acronym) == ("Dinas Tata Kota dan Pertamanan", False, None)


def test_a_report_whose_region_was_not_read_is_placed_by_its_agency_name():
    assert identity.agency_key("Dinas Kesehatan Kota Dumai", None) == identity.agency_key("Dinas Kesehatan", "Kota Dumai")
    assert identity.agency_key("Dinas Kesehatan", None) == "unknown/dinkes"


def test_one_agency_in_two_regions_has_two_keys():
    assert identity.agency_key("Dinas Kesehatan", "Kota Dumai") != identity.agency_key("Dinas Kesehatan", "Kab. Siak")


# ------------------------------------------------------------------ keys derived from content

@pytest.fixture(scope="module")
def same_text_twice(tmp_path_factory):
    """One generated report extracted from two files of different names and folders."""
    text = render_text(build(series(SEEDS[0], years=1)[0].facts))
    reports = []
    for name in ("a/report.txt", "b/another-name.txt"):
        path = tmp_path_factory.mktemp("same") / name
        path.parent.mkdir(parents=True)
        path.write_text(text, "utf-8")
        reports.append(extract(path, Options(verify=False)))
    return reports


def test_keys_do_not_depend_on_the_file_name(same_text_twice):
    first, second = same_text_twice
    assert first.source.path != second.source.path
    assert identity.report_key(first) == identity.report_key(second)
    key = identity.report_key(first)
    assert key.startswith("kabupaten-kuantan-singingi/bpbd/")
    assert identity.indicator_uids(key, first.indicators) == identity.indicator_uids(key, second.indicators)
    assert identity.program_uids(key, first.programs) == identity.program_uids(key, second.programs)


def test_uids_are_unique_and_do_not_depend_on_order(same_text_twice):
    report = same_text_twice[0]
    key = identity.report_key(report)
    uids = identity.indicator_uids(key, report.indicators)
    assert len(set(uids)) == len(uids) == len(report.indicators)
    backwards = identity.indicator_uids(key, report.indicators[::-1])
    assert backwards == uids[::-1]
    assert all(uid.startswith(key + "/i/") for uid in uids)


def test_two_reports_of_one_agency_and_year_differ_by_content(same_text_twice):
    report = same_text_twice[0]
    other = report.model_copy(update={"source": report.source.model_copy(update={"sha256": "f" * 64})})
    assert identity.report_key(report) != identity.report_key(other)
    assert identity.report_key(report).rsplit("/", 1)[0] == identity.report_key(other).rsplit("/", 1)[0]


def test_repeated_names_are_numbered():
    assert identity.numbered(["x", "y", "x", "x"]) == ["x", "y", "x~2", "x~3"]


# ------------------------------------------------------------------ five years of one agency

@pytest.fixture(scope="module")
def five_years(tmp_path_factory):
    """Per seed: the indicator records of five extracted years and each record's true indicator."""
    out = {}
    folder = tmp_path_factory.mktemp("years")
    for seed in SEEDS:
        records, truth, programs = [], {}, []
        for year in series(seed):
            path = folder / f"{seed}-{year.facts.year}.txt"
            path.write_text(render_text(build(year.facts)), "utf-8")
            report = extract(path, Options(verify=False))
            rkey, akey = identity.report_key(report), identity.agency_key(report.agency, report.region)
            for uid, ind in zip(identity.indicator_uids(rkey, report.indicators), report.indicators):
                records.append(identity.indicator_record(uid, akey, report.report_year, ind))
                truth[uid] = year.truth[ind.name]
            programs += [identity.program_record(uid, akey, report.report_year, p)
                         for uid, p in zip(identity.program_uids(rkey, report.programs), report.programs)]
        out[seed] = records, truth, programs
    return out


def pairs_of(groups) -> set[frozenset]:
    return {frozenset((a, b)) for members in groups for a in members for b in members if a < b}


def precision_recall(links, truth) -> tuple[float, float]:
    """Pairwise: of the record pairs linking put in one series, how many are one indicator, and back."""
    by_key, by_truth = defaultdict(list), defaultdict(list)
    for link in links:
        by_key[link.key].append(link.uid)
        by_truth[truth[link.uid]].append(link.uid)
    found, true = pairs_of(by_key.values()), pairs_of(by_truth.values())
    return len(found & true) / len(found), len(found & true) / len(true)


@pytest.mark.parametrize("seed", SEEDS)
def test_five_years_link_every_indicator_to_its_series(five_years, seed):
    records, truth, _ = five_years[seed]
    links = link_indicators(records)
    assert len({r.agency_key for r in records}) == 1
    assert len({r.year for r in records}) == 5
    assert precision_recall(links, truth) == (1.0, 1.0)
    keys_per_indicator = defaultdict(set)
    for link in links:
        keys_per_indicator[truth[link.uid]].add(link.key)
    assert all(len(keys) == 1 for keys in keys_per_indicator.values())
    years_per_key = defaultdict(list)
    for link, record in zip(links, records):
        years_per_key[link.key].append(record.year)
    assert all(len(years) == len(set(years)) for years in years_per_key.values())  # one per year per key
    assert {link.method for link in links} == {"new", "exact", "fuzzy"}
    assert all(link.score >= LINK_SCORE for link in links if link.method in ("exact", "fuzzy"))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_new_indicator_starts_a_new_key(five_years, seed):
    records, truth, _ = five_years[seed]
    links = {link.uid: link for link in link_indicators(records)}
    last = max(r.year for r in records)
    first_year = {truth[r.uid] for r in records if r.year == min(r.year for r in records)}
    newcomers = [r for r in records if r.year == last and truth[r.uid] not in first_year]
    assert len(newcomers) == 1
    newcomer = links[newcomers[0].uid]
    assert (newcomer.method, newcomer.score, newcomer.matched_uid) == ("new", None, None)
    assert sum(1 for link in links.values() if link.key == newcomer.key) == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_an_indicator_missing_one_year_is_linked_across_the_gap(five_years, seed):
    records, truth, _ = five_years[seed]
    years = sorted({r.year for r in records})
    links = {link.uid: link for link in link_indicators(records)}
    by_truth = defaultdict(dict)
    for r in records:
        by_truth[truth[r.uid]][r.year] = links[r.uid].key
    gapped = [seen for seen in by_truth.values() if years[2] not in seen and len(seen) == 4]
    assert len(gapped) == 1 and len(set(gapped[0].values())) == 1


def test_links_do_not_depend_on_the_order_of_records(five_years):
    records, _, _ = five_years[SEEDS[0]]
    shuffled = records[:]
    random.Random(0).shuffle(shuffled)
    assert sorted(link_indicators(records), key=lambda link: link.uid) == \
        sorted(link_indicators(shuffled), key=lambda link: link.uid)


LINK_IN_ANOTHER_PROCESS = """
import dataclasses, json, sys
from extractor.identity import link_indicators
records = json.load(sys.stdin)
print(json.dumps([dataclasses.asdict(link) for link in link_indicators(records)]))
"""


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_links_are_the_same_in_another_process(five_years, hash_seed):
    """Python's string hashing differs between processes (PYTHONHASHSEED); the keys and links must not."""
    records, _, _ = five_years[SEEDS[0]]
    done = subprocess.run([sys.executable, "-c", LINK_IN_ANOTHER_PROCESS], capture_output=True, text=True,
                          input=json.dumps([dataclasses.asdict(r) for r in records]), cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": hash_seed}, check=True)
    assert json.loads(done.stdout) == [dataclasses.asdict(link) for link in link_indicators(records)]


def test_linking_agency_by_agency_equals_linking_all(five_years):
    everything = [r for seed in SEEDS for r in five_years[seed][0]]
    one_by_one = [link for seed in SEEDS for link in link_indicators(five_years[seed][0])]
    assert sorted(link_indicators(everything), key=lambda link: link.uid) == sorted(one_by_one, key=lambda link: link.uid)


def test_programs_link_across_the_years(five_years):
    _, _, programs = five_years[SEEDS[0]]
    links = link_programs(programs)
    names = defaultdict(set)
    for link, record in zip(links, programs):
        names[identity.fold_name(record.name)].add(link.key)
    assert all(len(keys) == 1 for keys in names.values())
    assert len({link.key for link in links}) == len(names)
    assert all("/p/" in link.key for link in links)


# ------------------------------------------------------------------ overrides

def _series_of(records, truth, name):
    return sorted((r for r in records if truth[r.uid] == name), key=lambda r: r.year)


def test_an_override_forbids_a_link(five_years, tmp_path):
    records, truth, _ = five_years[SEEDS[0]]
    first = _series_of(records, truth, truth[records[0].uid])
    (tmp_path / "links_override.yaml").write_text(yaml.safe_dump(
        [{"action": "forbid", "uid": first[0].uid, "other": first[1].uid, "note": "renamed, not the same"}]))
    links = {link.uid: link for link in link_indicators(records, read_overrides(tmp_path))}
    assert links[first[1].uid].method == "new"
    assert links[first[1].uid].key != links[first[0].uid].key
    assert len({links[r.uid].key for r in first[1:]}) == 1  # the later years follow the year that started anew


def test_an_override_forces_a_link(five_years, tmp_path):
    records, truth, _ = five_years[SEEDS[0]]
    last = max(r.year for r in records)
    newcomer = next(r for r in records if r.year == last and not any(
        truth[o.uid] == truth[r.uid] for o in records if o.year < last))
    replaced = next(r for r in records if r.year == last - 1 and not any(
        truth[o.uid] == truth[r.uid] for o in records if o.year == last))
    (tmp_path / "links_override.csv").write_text(f"action,uid,other\nforce,{newcomer.uid},{replaced.uid}\n")
    links = {link.uid: link for link in link_indicators(records, read_overrides(tmp_path))}
    assert links[newcomer.uid].method == "override"
    assert links[newcomer.uid].matched_uid == replaced.uid
    assert links[newcomer.uid].key == links[replaced.uid].key
    assert links[newcomer.uid].score < LINK_SCORE


def test_no_override_file_means_no_overrides(tmp_path):
    assert read_overrides(tmp_path) == Overrides()


def test_a_malformed_override_file_names_every_bad_entry(tmp_path):
    path = tmp_path / "links_override.yaml"
    path.write_text(yaml.safe_dump([{"action": "merge", "uid": "a", "other": "b"}, {"uid": "c"}]))
    with pytest.raises(OverrideFileError) as caught:
        read_overrides(tmp_path)
    assert caught.value.code == "E011"
    assert "entry 1" in caught.value.reason and "entry 2" in caught.value.reason


# ------------------------------------------------------------------ guards and assignment

def _record(uid, year, name, unit=None, level="agency", agency="kota-dumai/dinkes"):
    return NameRecord(uid, agency, year, name, unit, level)


def test_unit_and_level_guard_a_link():
    records = [_record("a", 2021, "Cakupan imunisasi dasar lengkap", "%"),
               _record("b", 2022, "Cakupan imunisasi dasar lengkap", "orang"),
               _record("c", 2023, "Cakupan imunisasi dasar lengkap", "persen", level="program")]
    assert [link.method for link in link_indicators(records)] == ["new", "new", "new"]


def test_a_unit_written_two_ways_is_one_unit():
    records = [_record("a", 2021, "Cakupan imunisasi dasar lengkap", "%"),
               _record("b", 2022, "Cakupan imunisasi dasar lengkap", "Persen")]
    records = [NameRecord(r.uid, r.agency_key, r.year, r.name, identity.unit_key(r.unit)) for r in records]
    assert [link.method for link in link_indicators(records)] == ["new", "exact"]


def test_one_indicator_per_year_per_key_by_best_assignment():
    """Both of 2022's names are like 2021's first; the best assignment gives each its own series."""
    records = [_record("a", 2021, "Persentase pengaduan masyarakat yang diselesaikan"),
               _record("b", 2021, "Persentase pengaduan masyarakat yang ditindaklanjuti"),
               _record("c", 2022, "Persentase pengaduan masyarakat yang diselesaikan tepat waktu"),
               _record("d", 2022, "Persentase pengaduan masyarakat yang diselesaikan")]
    links = {link.uid: link for link in link_indicators(records)}
    assert links["d"].key == links["a"].key and links["d"].method == "exact"
    assert links["c"].key != links["a"].key
    assert links["b"].key != links["a"].key


def test_a_mapping_is_a_record_too():
    links = link_indicators([{"uid": "a", "agency_key": "x", "year": 2021, "name": "Indeks Kepuasan Masyarakat"},
                             {"uid": "b", "agency_key": "x", "year": 2022, "name": "Indeks Kepuasan Masyarakat (IKM)"}])
    assert [link.method for link in links] == ["new", "exact"]
    assert links[0].key == links[1].key == "x/i/" + identity.digest("agency", "indeks kepuasan masyarakat")


def test_two_records_with_one_uid_are_refused():
    with pytest.raises(ValueError):
        link_indicators([_record("a", 2021, "x"), _record("a", 2022, "x")])


@pytest.mark.parametrize("agency, region, key", [(None, "Kota Dumai", "kota-dumai/unknown"),
                                                 ("Dinas Kesehatan", None, "unknown/dinkes")])
def test_reports_whose_agency_or_region_was_not_read_are_not_linked(agency, region, key):
    assert identity.agency_key(agency, region) == key
    links = link_indicators([_record("a", 2021, "Indeks Kepuasan Masyarakat", agency=key),
                             _record("b", 2022, "Indeks Kepuasan Masyarakat", agency=key)])
    assert [link.method for link in links] == ["new", "new"]
    assert links[0].key != links[1].key


# ------------------------------------------------------------------ name similarity, as examples

SAME_INDICATOR = [  # printed one year, printed another year
    ("Persentase pengaduan masyarakat yang diselesaikan", "PERSENTASE PENGADUAN MASYARAKAT YANG DISELESAIKAN"),
    ("Persentase pengaduan masyarakat yang diselesaikan", "Prosentase pengaduan masyarakat yang diselesaikan"),
    ("Persentase pengaduan masyarakat yang diselesaikan", "Persentase pengaduan masyarakat yang diselesaiakn"),
    ("Cakupan imunisasi dasar lengkap", "Cakupan imunisasi lengkap dasar"),
    ("Angka partisipasi murni SD/MI", "Angka partisipasi rnurni SD/MI"),          # OCR: rn for m
    ("Indeks Kepuasan Masyarakat", "Indeks Kepuasan Masyarakat (IKM)"),
    ("Persentase ASN yang memenuhi standar kompetensi jabatan",
     "Persentase Aparatur Sipil Negara yang memenuhi standar kompetensi jabatan"),
    ("Jumlah dokumen perencanaan dan pelaporan yang tersusun tepat waktu",
     "Jumlah dokumen perencanaan & pelaporan yg tersusun tepat waktu"),
    ("Jumlah keluarga penerima manfaat yang mandiri", "Jumlah keluarga penerima manfaat mandiri"),
]
OTHER_INDICATOR = [
    ("Indeks Kepuasan Masyarakat", "Indeks Kepuasan Masyarakat terhadap pelayanan kesehatan"),
    ("Persentase kegiatan pengelolaan persampahan yang terlaksana tepat waktu",
     "Persentase kegiatan pengelolaan pendidikan yang terlaksana tepat waktu"),
    ("Persentase balita gizi buruk", "Persentase balita gizi kurang"),
    ("Persentase kepemilikan KTP elektronik", "Persentase kepemilikan akta kelahiran anak"),
    ("Tingkat keberhasilan pendaftaran penduduk", "Tingkat keberhasilan pencatatan sipil"),
    ("Jumlah dokumen kependudukan yang diterbitkan", "Jumlah dokumen perencanaan dan pelaporan yang tersusun"),
]


@pytest.mark.parametrize("a, b", SAME_INDICATOR)
def test_names_of_one_indicator_link(a, b):
    assert identity.name_score(identity.fold_name(a), identity.fold_name(b)) >= LINK_SCORE
    links = link_indicators([_record("x", 2021, a), _record("y", 2022, b)])
    assert links[0].key == links[1].key and links[1].method in ("exact", "fuzzy")


@pytest.mark.parametrize("a, b", OTHER_INDICATOR)
def test_names_of_two_indicators_do_not_link(a, b):
    assert identity.name_score(identity.fold_name(a), identity.fold_name(b)) < LINK_SCORE
    links = link_indicators([_record("x", 2021, a), _record("y", 2022, b)])
    assert links[0].key != links[1].key
