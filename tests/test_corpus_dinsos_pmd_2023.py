"""The report `corpus/kota-dumai_dinsos-pmd_2023.txt`: values read by a person (tests/expected/kota-dumai_dinsos-pmd_2023.yaml)."""
import pytest

from corpus_expectations import (check_budget, check_indicator_count, check_measurement, check_metadata,
                                 check_programs, indicator_cases)

STEM = "kota-dumai_dinsos-pmd_2023"


def test_metadata():
    check_metadata(STEM)


def test_every_indicator_of_the_measurement_table():
    check_indicator_count(STEM)


@pytest.mark.parametrize("name,year,want", indicator_cases(STEM), ids=lambda v: str(v)[:40] if isinstance(v, str) else None)
def test_measurement(name, year, want):
    check_measurement(STEM, name, year, want)


def test_programs():
    check_programs(STEM)


@pytest.mark.parametrize("key", ["total_allocation", "operating_expenditure", "capital_expenditure", "total_realization"])
def test_budget(key):
    check_budget(STEM, key)
