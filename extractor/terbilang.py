"""Indonesian numbers in words (*terbilang*): read them, write them, and find them beside digits.

Reports print amounts twice, ``Rp 98.575.166.924 (Sembilan Puluh Delapan Milyar … Rupiah)``, and
counts as ``6 (enam)`` (:func:`count_claims`); the verification stage compares the two. This module
builds on :mod:`extractor.numbers` (figures in digits), never the other way round. The words live in
``patterns/numbers.yaml``; the code only sees tokens ``(kind, value)``:

* ``("digit", 0..9)``, ``("teen", 0)`` for *belas*, ``("tens", 0)`` for *puluh*,
  ``("hundreds", 0)`` for *ratus*, ``("scale", 3|6|9|12)``, ``("point", 0)`` for *koma*,
  ``("unit", 0)`` for a closing *rupiah* / *persen*.

A se- form is two tokens (``seratus`` → ``("digit", 1), ("hundreds", 0)``). Words that OCR glued
together (``limaratus``) are split into known words. Parsing is strict: scales must fall
(``… ribu … ribu`` is refused), so garbled words give None rather than a wrong value.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from . import patterns
from .errors import NumberOutOfRange
from .model import Figure
from .numbers import find_numbers

Token = tuple[str, int]

_WORD = re.compile(r"[^\W\d_]+")
# after a figure: optional markdown and line break, "(", the words, ")" (OCR sometimes prints "(")
_PAREN_WORDS = re.compile(r"[\s*_]{0,4}\((?P<words>[^()]{1,400})[)(]")


@lru_cache(maxsize=None)
def _lexicon() -> dict[str, tuple[Token, ...]]:
    """Return every spelling in ``patterns/numbers.yaml`` mapped to its tokens (cached).

    >>> _lexicon()["seribu"], _lexicon()["milyar"]
    ((('digit', 1), ('scale', 3)), (('scale', 9),))
    """
    data = patterns.load("numbers")
    lexicon: dict[str, tuple[Token, ...]] = {}

    def add(spellings: list[str], tokens: tuple[Token, ...]) -> None:
        for spelling in spellings:
            lexicon[str(spelling).lower()] = tokens

    for value, spellings in data["digits"].items():
        add(spellings, (("digit", int(value)),))
    for kind in ("teen", "tens", "hundreds"):
        add(data[kind], ((kind, 0),))
    for exponent, spellings in data["scales"].items():
        add(spellings, (("scale", int(exponent)),))
    add(data["decimal_point"], (("point", 0),))
    add(data["currency_words"] + data["percent_words"], (("unit", 0),))
    for se_form, word in data["se_forms"].items():
        add([se_form], (("digit", 1),) + lexicon[word.lower()])
    return lexicon


@lru_cache(maxsize=4096)
def _word_tokens(word: str) -> tuple[Token, ...] | None:
    """Given one lowercase word, return its tokens, splitting OCR-glued words; None if unknown.

    >>> _word_tokens("limaratus"), _word_tokens("orang")
    ((('digit', 5), ('hundreds', 0)), None)
    """
    lexicon = _lexicon()
    if word in lexicon:
        return lexicon[word]
    for cut in range(len(word) - 1, 1, -1):     # longest known prefix first
        if word[:cut] in lexicon:
            tail = _word_tokens(word[cut:])
            if tail is not None:
                return lexicon[word[:cut]] + tail
    return None


def _tokens(text: str) -> list[Token] | None:
    """Given words, return their tokens without the closing unit words; None if any word is unknown.

    >>> _tokens("Seratus dua-puluh *Rupiah*,-")
    [('digit', 1), ('hundreds', 0), ('digit', 2), ('tens', 0)]
    """
    if re.search(r"\d", text):
        return None
    tokens: list[Token] = []
    for word in _WORD.findall(text.lower()):
        found = _word_tokens(word)
        if found is None:
            return None
        tokens.extend(found)
    while tokens and tokens[-1][0] == "unit":
        tokens.pop()
    if any(kind == "unit" for kind, _ in tokens):
        return None
    return tokens


def _group(tokens: list[Token]) -> int | None:
    """Given the tokens of a number below a thousand, return it, or None if malformed.

    >>> _group([("digit", 1), ("teen", 0)]), _group([("digit", 2), ("hundreds", 0), ("digit", 5)])
    (11, 205)
    >>> _group([("digit", 2), ("tens", 0), ("digit", 3), ("tens", 0)]) is None
    True
    """
    total, rest = 0, list(tokens)
    if len(rest) >= 2 and rest[1] == ("hundreds", 0) and rest[0][0] == "digit" and rest[0][1] > 0:
        total, rest = rest[0][1] * 100, rest[2:]
    if not rest:
        return total or None
    if rest[0][0] != "digit":
        return None
    digit = rest[0][1]
    if len(rest) == 1:
        return total + digit if (digit or not total and len(tokens) == 1) else None
    if digit == 0:
        return None
    if rest[1:] == [("teen", 0)]:
        return total + 10 + digit
    if rest[1] == ("tens", 0):
        tail = rest[2:]
        if not tail:
            return total + digit * 10
        if len(tail) == 1 and tail[0][0] == "digit" and tail[0][1] > 0:
            return total + digit * 10 + tail[0][1]
    return None


def _compose(tokens: list[Token], limit: int | None = None) -> int | None:
    """Given tokens of a whole number, return it; scales must fall and stay below ``limit``.

    The largest scale splits the number: what stands before it multiplies it (a group below a
    thousand, or, before the largest scale known, any smaller number: *seribu triliun*), what
    follows it is added.

    >>> _compose([("digit", 1), ("scale", 3), ("scale", 12)])
    1000000000000000
    >>> _compose([("digit", 2), ("scale", 3), ("digit", 3), ("scale", 3)]) is None
    True
    """
    exponents = [value for kind, value in tokens if kind == "scale"]
    if not exponents:
        return _group(tokens)
    top = max(exponents)
    if limit is not None and top >= limit:
        return None
    cut = tokens.index(("scale", top))
    largest_known = max(int(e) for e in patterns.load("numbers")["scales"])
    left = _compose(tokens[:cut], top if top == largest_known else 1)
    right = _compose(tokens[cut + 1:], top) if tokens[cut + 1:] else 0
    if not left or right is None:
        return None
    return left * 10 ** top + right


def _fraction_digits(tokens: list[Token]) -> str | None:
    """Given the tokens after *koma*, return the decimal digits: read one by one, else as a number.

    >>> _fraction_digits([("digit", 6), ("digit", 8)]), _fraction_digits([("digit", 2), ("tens", 0), ("digit", 5)])
    ('68', '25')
    """
    if tokens and all(kind == "digit" for kind, _ in tokens):
        return "".join(str(value) for _, value in tokens)
    number = _compose(tokens) if tokens else None
    return None if number is None else str(number)


def words_to_number(text: str) -> Decimal | None:
    """Given a number in Indonesian words, return it, or None if the words are not a number.

    Case, hyphens, extra spaces, markdown and a closing *rupiah*/*persen* do not matter; *koma*
    introduces decimals.

    >>> words_to_number("Sembilan Puluh Delapan Milyar Lima Ratus Tujuh Puluh Lima Juta Seratus "
    ...                 "Enam Puluh Enam Ribu Sembilan Ratus Dua Puluh Empat Rupiah")
    Decimal('98575166924')
    >>> words_to_number("dua koma lima"), words_to_number("nol koma enam delapan"), words_to_number("seribu triliun")
    (Decimal('2.5'), Decimal('0.68'), Decimal('1000000000000000'))
    >>> words_to_number("sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah") is None
    True
    >>> words_to_number("sangat tinggi") is None, words_to_number("") is None
    (True, True)
    """
    tokens = _tokens(text or "")
    if not tokens:
        return None
    points = [i for i, token in enumerate(tokens) if token[0] == "point"]
    if len(points) > 1:
        return None
    whole_tokens = tokens[:points[0]] if points else tokens
    whole = _compose(whole_tokens) if whole_tokens else None
    if whole is None:
        return None
    if not points:
        return Decimal(whole)
    fraction = _fraction_digits(tokens[points[0] + 1:])
    return None if fraction is None else Decimal(f"{whole}.{fraction}")


@lru_cache(maxsize=None)
def _writer() -> dict:
    """Return the standard spelling of each token, and the se- forms used in writing (cached)."""
    data = patterns.load("numbers")
    names: dict = {("digit", int(v)): s[0] for v, s in data["digits"].items()}
    names.update({(kind, 0): data[kind][0] for kind in ("teen", "tens", "hundreds")})
    names.update({("scale", int(e)): s[0] for e, s in data["scales"].items()})
    lexicon = _lexicon()
    se_forms = {lexicon[form][1]: form for form in data["written_se_forms"]}
    return {"names": names, "se": se_forms, "scales": sorted(int(e) for e in data["scales"])[::-1]}


def _times(count: int, token: Token) -> list[str]:
    """Write ``count`` of ``token`` (``seratus``, ``dua ratus``, ``satu juta``)."""
    writer = _writer()
    if count == 1 and token in writer["se"]:
        return [writer["se"][token]]
    return _words(count) + [writer["names"][token]]


def _words(n: int) -> list[str]:
    """Given n > 0, return its words as a list."""
    writer, words = _writer(), []
    for exponent in writer["scales"]:
        count, n = divmod(n, 10 ** exponent)
        if count:
            words += _times(count, ("scale", exponent))
    hundreds, n = divmod(n, 100)
    if hundreds:
        words += _times(hundreds, ("hundreds", 0))
    if 10 < n < 20:
        words += _times(n - 10, ("teen", 0))
    else:
        tens, n = divmod(n, 10)
        if tens:
            words += _times(tens, ("tens", 0))
        if n:
            words.append(writer["names"][("digit", n)])
    return words


def words_limit() -> int:
    """The first whole number the words cannot write: the largest scale times itself (10^24 with *triliun*).

    Below it the largest scale takes any smaller number before it (*seribu triliun*); at it, the scale
    would repeat (*satu triliun triliun*), which no report prints and :func:`words_to_number` refuses.

    >>> words_limit() == 10 ** 24
    True
    """
    return 10 ** (2 * _writer()["scales"][0])


def number_to_words(n: int) -> str:
    """Given a whole number from 0 to :func:`words_limit` − 1, return it in standard lowercase Indonesian words.

    Outside that range it raises :class:`~extractor.errors.NumberOutOfRange`.

    >>> number_to_words(98575166924)
    'sembilan puluh delapan miliar lima ratus tujuh puluh lima juta seratus enam puluh enam ribu sembilan ratus dua puluh empat'
    >>> [number_to_words(n) for n in (0, 11, 100, 1000, 1_000_000, 10 ** 15)]
    ['nol', 'sebelas', 'seratus', 'seribu', 'satu juta', 'seribu triliun']
    """
    n = int(n)
    if not 0 <= n < words_limit():
        raise NumberOutOfRange(None, f"number → words handles 0 to 10^24 − 1, not a {'negative' if n < 0 else 'larger'} number")
    if n == 0:
        return _writer()["names"][("digit", 0)]
    return " ".join(_words(n))


def _leading_number_words(words: str) -> str:
    """Given the text in parentheses, return its leading run of number words.

    >>> _leading_number_words("enam puluh orang"), _leading_number_words("Program Prioritas")
    ('enam puluh', '')
    """
    run = []
    for m in re.finditer(r"[^\W_]+", words):
        if _word_tokens(m.group(0).lower()) is None:
            break
        run.append(m.group(0))
    return " ".join(run)


def _clean_words(words: str) -> str:
    """Strip markdown ``*``/``_``, trailing ``,-`` and extra whitespace from spelled-out words."""
    words = re.sub(r"[*_]+", " ", words)
    return re.sub(r"\s+", " ", words).strip(" ,.-")


def _unsigned(figure: Figure) -> Figure:
    """A figure spelled out in words has no sign (the words have none): a dash before it is a list bullet.

    >>> _unsigned(Figure(value=Decimal("-150000000"), raw="-150.000.000")).value
    Decimal('150000000')
    """
    if figure.value is None or figure.value >= 0:
        return figure
    return figure.model_copy(update={"value": figure.value.copy_abs()})


def figures_with_words(text: str) -> list[tuple[int, int, Figure, str, Decimal | None]]:
    """Given text, return each figure followed by number words in parentheses.

    Each as (start, end, figure, words as printed but cleaned, value of the leading number words).

    >>> [(f.value, w, v) for _, _, f, w, v in figures_with_words("sebanyak 63 (enam puluh tiga) orang")]
    [(Decimal('63'), 'enam puluh tiga', Decimal('63'))]
    >>> [(f.value, v) for _, _, f, _, v in figures_with_words("-150.000.000 (seratus lima puluh juta rupiah)")]
    [(Decimal('150000000'), Decimal('150000000'))]
    """
    if "(" not in text:  # the words stand in parentheses: most lines have none, so no figure is read
        return []
    found = []
    for start, end, figure in find_numbers(text):
        m = _PAREN_WORDS.match(text, end)
        if not m:
            continue
        words = _clean_words(m.group("words"))
        leading = _leading_number_words(words)
        if leading:
            found.append((start, m.end(), _unsigned(figure), words, words_to_number(leading)))
    return found


def is_amount(figure: Figure, words: str) -> bool:
    """Say whether a figure with its words is a money amount (``Rp`` or the words say *rupiah*).

    >>> is_amount(Figure(value=5, raw="5"), "lima ribu rupiah")
    True
    """
    currency = patterns.words("numbers", "currency_words")
    return figure.unit == "Rp" or any(w in currency for w in _WORD.findall(words.lower()))


def find_amounts_in_words(text: str) -> list[tuple[Figure, str, Decimal | None, tuple[int, int]]]:
    """Given text, return each amount printed in digits and again in words.

    Each as (figure, words, value of the words or None if unreadable, (start, end) of both).

    >>> [(f.value, v, span) for f, w, v, span in find_amounts_in_words(
    ...     "sebesar Rp. 121.472.378 (seratus dua puluh satu juta empat ratus tujuh puluh dua ribu tiga "
    ...     "ratus tujuh puluh delapan rupiah).")]
    [(Decimal('121472378'), Decimal('121472378'), (8, 124))]
    >>> find_amounts_in_words("Rp. 950.740.557 (*Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah*)")[0][1:3]
    ('Sembilan ratus lima puluh ribu tujuh ratus empat puluh ribu rupiah', None)
    """
    return [(figure, words, value, (start, end))
            for start, end, figure, words, value in figures_with_words(text)
            if is_amount(figure, words)]


def count_claims(text: str) -> list[tuple[int, int, Decimal, Decimal | None, str]]:
    """Given text, return each "6 (enam)" claim: (start, end, digits value, words value or None, raw).

    The parentheses must open with a number word; only the leading number words are read
    (``60 (enam puluh orang)`` → 60). Rupiah amounts are left to
    :func:`extractor.terbilang.find_amounts_in_words`.

    >>> for claim in count_claims("ditetapkan 3(tiga) Program, 14 (empat belas) Kegiatan dan 40 (empat) Sub"):
    ...     print(claim)
    (11, 18, Decimal('3'), Decimal('3'), '3(tiga)')
    (28, 44, Decimal('14'), Decimal('14'), '14 (empat belas)')
    (58, 68, Decimal('40'), Decimal('4'), '40 (empat)')
    >>> count_claims("Tahun 2023 (Program Prioritas) sebesar Rp 5.000 (lima ribu rupiah)")
    []
    """
    if "(" not in text:  # the words of a claim stand in parentheses
        return []
    return [(start, end, figure.value, words_value, text[start:end])
            for start, end, figure, words, words_value in figures_with_words(text)
            if not is_amount(figure, words)]
