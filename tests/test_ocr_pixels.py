"""The OCR preprocessing done on whole arrays gives Pillow's pixels exactly (Tesseract reads the same page)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from extractor.read.ocr import estimate_skew, find_rulings, flatten_background, grown, max_filter, median3


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


def _grown_by_shifts(mask, by):
    """The mask ORed with each of its shifts by up to ``by`` pixels in both directions (the square)."""
    padded = np.pad(mask, by)
    height, width = mask.shape
    out = np.zeros_like(mask)
    for dy in range(2 * by + 1):
        for dx in range(2 * by + 1):
            out |= padded[dy: dy + height, dx: dx + width]
    return out


@pytest.mark.parametrize("by", [1, 2])
def test_grown_is_the_square_dilation(by):
    rng = np.random.default_rng(by)
    for _ in range(40):
        mask = rng.random((int(rng.integers(1, 30)), int(rng.integers(1, 30)))) < rng.random() * 0.3
        assert np.array_equal(grown(mask, by), _grown_by_shifts(mask, by))


def test_background_division_gives_the_pixels_of_the_plain_float_steps():
    rng = np.random.default_rng(3)
    gray = Image.fromarray(rng.integers(0, 256, (90, 70), dtype=np.uint8))
    small = gray.resize((70 // 4, 90 // 4))
    background = Image.fromarray(max_filter(np.asarray(small), 9)).resize(gray.size, Image.BILINEAR)
    ratio = np.asarray(gray, dtype=np.float32) / np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    expected = np.clip(ratio * 255.0, 0, 255).astype(np.uint8)
    assert np.array_equal(flatten_background(gray), expected)
    assert (expected == 255).sum() > 100  # pixels brighter than their (blurred) background are capped


def test_skew_is_found_the_same_with_each_angle_scored_once(monkeypatch):
    page = Image.new("L", (300, 200), 255)
    for y in range(30, 180, 12):
        page.paste(0, (20, y, 280, y + 3))
    turned = page.rotate(-1.3, resample=Image.BICUBIC, fillcolor=255)
    rotations = []
    original = Image.Image.rotate
    monkeypatch.setattr(Image.Image, "rotate", lambda self, angle, **kw: rotations.append(angle) or original(self, angle, **kw))
    assert abs(estimate_skew(turned) - 1.3) <= 0.1
    assert len(rotations) == len(set(rotations)) == 21 + 11 - 3
