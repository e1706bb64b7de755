"""Pages stored turned (*halaman diputar*): a landscape page saved as a portrait page whose content
is drawn sideways, with ``/Rotate 90`` (or 270, 180) turning it upright on screen.

The readers measure text in the page's own coordinates, where such a page's lines run down the
page. ``turn_upright`` turns the page's objects the way a viewer turns the page, so that the page
is read as it is displayed. A page whose ``/Rotate`` only turns already upright text sideways (a
scanner's setting) is left as it is: only a page whose text runs vertically is turned.
"""
from __future__ import annotations

import ctypes

VERTICAL_SHARE = 0.6   # share of a page's text rectangles that are tall and narrow on a turned page
MIN_RECT_CHARS = 3     # rectangles of fewer characters say nothing about the direction


def turn_matrix(rotation: int, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """Given ``/Rotate`` (90, 180 or 270) and the media box ``(left, bottom, right, top)``, return
    the matrix ``(a, b, c, d, e, f)`` taking the page's content to where the viewer shows it,
    with the displayed page's lower-left corner at the origin.

    >>> turn_matrix(90, (0, 0, 595, 842))  # the page's top-left corner (0, 842) goes to (842, 595)
    (0, -1, 1, 0, 0, 595)
    """
    left, bottom, right, top = box
    width, height = right - left, top - bottom
    if rotation == 90:
        return (0, -1, 1, 0, -bottom, width + left)
    if rotation == 270:
        return (0, 1, -1, 0, height + bottom, -left)
    return (-1, 0, 0, -1, width + left, height + bottom)


def text_runs_vertically(page) -> bool:
    """True when most of the page's text rectangles (of a few characters or more) are taller
    than wide: its lines run down the page."""
    textpage = page.get_textpage()
    try:
        tall = wide = 0
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            w, h = right - left, top - bottom
            if max(w, h) < MIN_RECT_CHARS * min(w, h):
                continue
            if h > w:
                tall += 1
            else:
                wide += 1
        return tall > 0 and tall >= VERTICAL_SHARE * (tall + wide)
    finally:
        textpage.close()


def turn_upright(page) -> int:
    """Given an open pypdfium2 page, turn its content upright when it is stored turned (``/Rotate``
    with text running down the page); return the rotation undone (0 when nothing was done).

    The page's objects are transformed in memory, its media box swapped and its rotation set to
    0; text pages opened afterwards measure the page as displayed.
    """
    import pypdfium2.raw as raw

    rotation = page.get_rotation() % 360
    if rotation == 0 or not text_runs_vertically(page):
        return 0
    box = page.get_mediabox()
    a, b, c, d, e, f = turn_matrix(rotation, box)
    for obj in list(page.get_objects(max_depth=1)):
        raw.FPDFPageObj_Transform(obj.raw, ctypes.c_double(a), ctypes.c_double(b), ctypes.c_double(c),
                                  ctypes.c_double(d), ctypes.c_double(e), ctypes.c_double(f))
    width, height = box[2] - box[0], box[3] - box[1]
    page.set_mediabox(0, 0, *((height, width) if rotation in (90, 270) else (width, height)))
    page.set_cropbox(0, 0, *((height, width) if rotation in (90, 270) else (width, height)))
    page.set_rotation(0)
    return rotation
