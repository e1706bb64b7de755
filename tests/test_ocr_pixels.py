"""The OCR preprocessing done on whole arrays gives Pillow's pixels exactly (Tesseract reads the same page)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from extractor.read.ocr import find_rulings, max_filter, median3


@pytest.mark.parametrize("seed", range(6))
def test_median3_is_pillows_median_filter(seed):
    rng = np.random.default_rng(seed)
    for _ in range(40):
        pixels = rng.integers(0, 256, (int(rng.integers(1, 40)), int(rng.integers(1, 40))), dtype=np.uint8)
        if seed % 2:  # black and white, as a page after thresholding: many equal values
            pixels = np.where(pixels > 200, 0, 255).astype(np.uint8)
        expected = np.asarray(Image.fromarray(pixels).filter(ImageFilter.MedianFilter(3)))
        assert np.array_equal(median3(pixels), expected)


def test_median3_on_a_page_sized_array():
    rng = np.random.default_rng(12)
    page = np.full((400, 300), 255, dtype=np.uint8)
    page[rng.integers(0, 400, 3000), rng.integers(0, 300, 3000)] = 0  # speckle
    page[100:104, 20:280] = 0  # a ruling survives
    expected = np.asarray(Image.fromarray(page).filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(median3(page), expected)
    assert median3(page)[101, 150] == 0 and (median3(page) == 0).sum() < (page == 0).sum()


@pytest.mark.parametrize("window", [3, 9])
def test_max_filter_is_pillows_max_filter(window):
    rng = np.random.default_rng(window)
    for _ in range(60):
        pixels = rng.integers(0, 256, (int(rng.integers(1, 50)), int(rng.integers(1, 50))), dtype=np.uint8)
        expected = np.asarray(Image.fromarray(pixels).filter(ImageFilter.MaxFilter(window)))
        assert np.array_equal(max_filter(pixels, window), expected)


def _long_runs(mask, length):
    """The pixels of each row lying in a run of ≥ ``length`` set pixels, found by walking the row."""
    out = np.zeros_like(mask)
    for y, row in enumerate(mask):
        x = 0
        while x < len(row):
            end = x
            while end < len(row) and row[end]:
                end += 1
            if end - x >= length:
                out[y, x:end] = True
            x = max(end, x + 1)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_rulings_are_the_long_runs(seed):
    rng = np.random.default_rng(seed)
    for _ in range(30):
        mask = rng.random((int(rng.integers(1, 40)), int(rng.integers(1, 80)))) < rng.random()
        min_h, min_v = int(rng.integers(1, 60)), int(rng.integers(1, 30))
        horizontal, vertical = find_rulings(mask, min_h, min_v)
        assert np.array_equal(horizontal, _long_runs(mask, min_h))
        assert np.array_equal(vertical, _long_runs(mask.T, min_v).T)
