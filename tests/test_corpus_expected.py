"""Every clean corpus report against what a person read in it (tests/expected/<report>.yaml).

The values live in the YAML files; the report-specific cases (the quirks of each text) are in the
``test_corpus_<report>.py`` modules.
"""
import pytest

from corpus_expectations import (BUDGET_KEYS, check_budget, check_indicator_count, check_measurement,
                                 check_metadata, check_objective_allocations, check_programs,
                                 indicator_cases)

CLEAN = ["kota-dumai_sekretariat-daerah_2023", "kota-dumai_kecamatan-dumai-kota_2022",
         "kota-dumai_disdukcapil_2023", "kota-dumai_dinsos-pmd_2023"]


@pytest.mark.parametrize("stem", CLEAN)
def test_metadata(stem):
    check_metadata(stem)


@pytest.mark.parametrize("stem", CLEAN)
def test_every_indicator_of_the_measurement_table(stem):
    check_indicator_count(stem)


@pytest.mark.parametrize("stem,name,year,want", [(stem, *case) for stem in CLEAN for case in indicator_cases(stem)],
                         ids=lambda v: str(v)[:40] if isinstance(v, str) else None)
def test_measurement(stem, name, year, want):
    check_measurement(stem, name, year, want)


@pytest.mark.parametrize("stem", CLEAN)
def test_programs(stem):
    check_programs(stem)


@pytest.mark.parametrize("stem", CLEAN)
def test_objective_allocations(stem):
    check_objective_allocations(stem)


@pytest.mark.parametrize("stem,key", [(stem, key) for stem in CLEAN for key in BUDGET_KEYS])
def test_budget(stem, key):
    check_budget(stem, key)
