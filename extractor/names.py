"""Names as printed: how two printings of one indicator, objective or program name are found to be one.

One normalisation (:func:`fold_label`: case, spacing, letter-spaced OCR words) and one similarity
measure (rapidfuzz) used by assembly, which links every table's rows to the report's indicators and
programs, and by every verification rule that names what a figure is about.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from .model import Indicator
from .patterns import load
from .tables import fold_label


SAME_NAME = 88  # rapidfuzz token_sort_ratio from which two indicator/program names are one
LINK_SCORE = 85  # mean of token-sort and token-set similarity from which a row names an indicator
LOOSE_SCORE = 95  # token-set similarity from which a name holding all of one indicator's words is it
NON_WORD = regex.compile(r"[^\w ]+")
LETTERS = regex.compile(r"\p{L}+")
WORD = regex.compile(r"[^\W\d_]+")
LONG_WORD = regex.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
# the same on lower-case ASCII text, whose only letters are a-z: a plain class runs twice as fast as the negated one
_LOWER_ASCII_WORD = re.compile(r"[a-z]{2,}")
# lower-case ASCII text as bytes, every byte but a-z made a space: its words are then what ``split()`` returns
_LETTERS_ONLY = bytes(b if 0x61 <= b <= 0x7A else 0x20 for b in range(256))
MENTIONED = 85  # rapidfuzz partial_ratio from which a text is taken to name an indicator
LINK_MIN = 0.75  # weighted share of an indicator's name words a sentence must hold to name it
LINK_MARGIN = 0.25  # ... and by how much more than any other indicator
# a share no greater can neither name an indicator nor rival one that is named (float slack kept)
CANNOT_MATTER = LINK_MIN - LINK_MARGIN - 1e-9
AMBIGUOUS = object()  # a sentence naming two indicators alike


@lru_cache(maxsize=8192)
def comparable(name: str) -> str:
    """Given a name, return it folded with punctuation made spaces.

    >>> comparable("Jumlah  Kerjasama/ Lembaga")
    'jumlah kerjasama  lembaga'
    """
    return NON_WORD.sub(" ", fold_label(name))


@lru_cache(maxsize=8192)
def words(name: str) -> str:
    """Given a name, return its words only (no digits, no punctuation), folded.

    >>> words("Indeks Kepuasan Masyarakat (IKM) 2023")
    'indeks kepuasan masyarakat ikm'
    """
    return " ".join(LETTERS.findall(fold_label(name)))


def similarity(a: str, b: str) -> float:
    """Given two names, return how alike they are (0–100), word order and punctuation forgiven."""
    return fuzz.token_sort_ratio(comparable(a), comparable(b))


def same_name(a: str, b: str) -> bool:
    """Two printings of one name (case, punctuation, a word more or less).

    >>> same_name("Jumlah Kerjasama dengan Institusi/ Lembaga Pendidikan", "Jumlah Kerjasama Daerah dengan Institusi/Lembaga Pendidikan")
    True
    >>> same_name("Terlaksananya Kerjasama antar Daerah", "Terlaksananya Kerjasama Daerah dengan Pihak Ketiga")
    False
    """
    return similarity(a, b) >= SAME_NAME


def link_score(name: str, indicator: Indicator, cutoff: float = 0) -> float:
    """How surely a row's name is this indicator: token order and wrapped repeats forgiven. A score under
    ``cutoff`` is 0 (as rapidfuzz's ``score_cutoff``): a pair that cannot reach it is given up early.

    >>> ind = Indicator(id="1", name="Jumlah Kerjasama Daerah")
    >>> link_score("Kerjasama Daerah Jumlah", ind), link_score("Indeks Kepuasan", ind, 85)
    (100.0, 0.0)
    """
    return _link_score(name, (indicator.name, *indicator.aliases), cutoff)


@lru_cache(maxsize=16384)
def _link_score(name: str, names: tuple[str, ...], cutoff: float) -> float:
    """:func:`link_score` of a name against an indicator's names (remembered: every row is scored against
    every indicator)."""
    a = comparable(name)
    best = 0.0
    for b in map(comparable, names):
        ordered = fuzz.ratio(sorted_words(a), sorted_words(b), score_cutoff=_sort_cutoff(cutoff))
        best = max(best, _mean_score(a, b, ordered, cutoff))
    return best if best >= cutoff else 0.0


def link_scores(names: list[str], indicators: list[Indicator], cutoff: float) -> list[tuple[int, int, float]]:
    """Given the names of a table's rows and the indicators, return (row, indicator, :func:`link_score`) of
    every pair scoring at least ``cutoff``, by row then indicator; each row's name is screened against every
    indicator's names in one rapidfuzz call, on their :func:`sorted_words` (each sorted once).

    >>> inds = [Indicator(id="1", name="Jumlah Kerjasama Daerah"), Indicator(id="2", name="Indeks Kepuasan")]
    >>> link_scores(["Kerjasama Daerah Jumlah", "Lain"], inds, 85)
    [(0, 0, 100.0)]
    """
    choices = [(comparable(n), k) for k, ind in enumerate(indicators) for n in (ind.name, *ind.aliases)]
    folded, owners = [b for b, _ in choices], [k for _, k in choices]
    ordered_choices = [sorted_words(b) for b in folded]
    found = []
    for r, name in enumerate(names):
        a, best = comparable(name), {}
        for _, ordered, i in process.extract(sorted_words(a), ordered_choices, scorer=fuzz.ratio,
                                             score_cutoff=_sort_cutoff(cutoff), limit=None):
            k = owners[i]
            best[k] = max(best.get(k, 0.0), _mean_score(a, folded[i], ordered, cutoff))
        found.extend((r, k, score) for k, score in sorted(best.items()) if score >= cutoff)
    return found


@lru_cache(maxsize=16384)
def _mean_score(a: str, b: str, ordered: float, cutoff: float) -> float:
    """The link score of two folded names given their token-sort ratio ``ordered`` (0 when under
    :func:`_sort_cutoff`): its mean with their token-set ratio. The mean of two ratios of at most 100
    reaches ``cutoff`` only when the first is at least ``2 * cutoff - 100``, and the second at least
    ``2 * cutoff - ordered``: under, the score is under the cutoff and the second ratio is not computed.
    Remembered: a report's tables print the same names, scored against the same indicators."""
    if ordered + 100 < 2 * cutoff:
        return 0.0
    return (ordered + fuzz.token_set_ratio(a, b, score_cutoff=_under(2 * cutoff - ordered))) / 2


@lru_cache(maxsize=16384)
def sorted_words(text: str) -> str:
    """Given a folded name, return its words in sorted order, joined by spaces: rapidfuzz's
    ``token_sort_ratio`` of two names is, by its definition, ``ratio`` of these, so a name is sorted once
    rather than on every comparison.

    >>> sorted_words("kerjasama daerah  jumlah")
    'daerah jumlah kerjasama'
    """
    return " ".join(sorted(text.split()))


def _sort_cutoff(cutoff: float) -> float:
    """The token-sort ratio under which a link score cannot reach ``cutoff`` (see :func:`_mean_score`)."""
    return _under(2 * cutoff - 100)


def _under(cutoff: float) -> float:
    """A rapidfuzz ``score_cutoff`` just under ``cutoff`` (never below 0): a score at the cutoff, rounded a
    hair lower by the sum it came from, is still computed."""
    return max(0.0, cutoff - 1e-6)


def match_indicator(name: str, indicators: list[Indicator]) -> tuple[Indicator | None, float]:
    """Given a name as printed, return the indicator it names and how alike they are (0–100).

    Word order and punctuation do not matter; a name that holds all the words of one indicator
    and not of another (``Indeks Kepuasan Masyarakat (IKM) …`` for ``… terkait pelayanan …``) is
    that indicator too. Remembered per name and names of the indicators (rules match the same rows).
    """
    if not name or not indicators:
        return None, 0.0
    k, score = _match_index(name, tuple((i.level, (i.name, *i.aliases)) for i in indicators))
    return (None, score) if k is None else (indicators[k], score)


@lru_cache(maxsize=8192)
def _match_index(name: str, indicators: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[int | None, float]:
    """:func:`match_indicator` on (level, names) of each indicator: the index of the one named, and the score."""
    every = range(len(indicators))
    agency = [k for k in every if indicators[k][0] == "agency"]
    if 0 < len(agency) < len(indicators):  # the agency's own indicator first, a program's only if none is named
        found = _best(name, indicators, agency)
        if found[0] is not None:
            return found
        return _best(name, indicators, [k for k in every if indicators[k][0] != "agency"])
    return _best(name, indicators, list(every))


def _best(name: str, indicators: tuple, among: list[int]) -> tuple[int | None, float]:
    """The indicator (of those ``among``) a name names, by whole-name then by loose similarity."""
    if not among:
        return None, 0.0
    folded, (choices, ordered, owners) = words(name), _choices(indicators, tuple(among))
    whole = _scores(sorted_words(folded), ordered, owners, fuzz.ratio, SAME_NAME)  # token-sort ratios
    if whole:  # the best name of at least SAME_NAME (of two alike, the later indicator)
        j = max(whole, key=lambda j: (whole[j], j))
        return among[j], whole[j]
    loose = _scores(folded, choices, owners, fuzz.token_set_ratio, LOOSE_SCORE)
    if len(loose) != 1:  # none holds all the name's words, or several do: none is named
        return None, 0.0
    (j, score), = loose.items()
    return among[j], score - 10


@lru_cache(maxsize=64)
def _choices(indicators: tuple, among: tuple[int, ...]) -> tuple[list[str], list[str], list[int]]:
    """The folded words of every name of the indicators ``among`` (the same for every name a report's rules
    match), the same as :func:`sorted_words`, and the position in ``among`` of the indicator each belongs to."""
    pairs = [(words(n), j) for j, k in enumerate(among) for n in indicators[k][1]]
    return [w for w, _ in pairs], [sorted_words(w) for w, _ in pairs], [j for _, j in pairs]


def _scores(folded: str, choices: list[str], owners: list[int], scorer, cutoff: float) -> dict[int, float]:
    """The best score of each indicator (by its ``owners`` position) whose names score at least ``cutoff``
    against ``folded``, the names scored in one rapidfuzz call."""
    best: dict[int, float] = {}
    for _, score, i in process.extract(folded, choices, scorer=scorer, score_cutoff=cutoff, limit=None):
        j = owners[i]
        best[j] = max(best.get(j, score), score)
    return best


def mention_score(name: str, text: str) -> float:
    """Given a name and a text, return how surely the text names it (0–100, the best partial alignment)."""
    return fuzz.partial_ratio(fold_label(name), fold_label(text))


def mentioned(indicators: list[Indicator], text: str) -> Indicator | None:
    """Given indicators and a text, return the one the text names best (:func:`mention_score` at least
    ``MENTIONED``; of two alike the agency's own, then the later), or None. Remembered per names and
    text: the efficiency and the claims rules ask it of the same text before one statement.

    >>> mentioned([Indicator(id="1", name="Nilai SAKIP"), Indicator(id="2", name="Indeks Kepuasan Masyarakat")],
    ...           "Tingkat efisiensi Indeks Kepuasan Masyarakat adalah").id
    '2'
    """
    k = _mentioned(tuple((i.name, i.level == "agency") for i in indicators), text)
    return None if k is None else indicators[k]


@lru_cache(maxsize=1024)
def _mentioned(names: tuple[tuple[str, bool], ...], text: str) -> int | None:
    """:func:`mentioned` on (name, whether the agency's own) of each indicator: the index of the one named."""
    scored = [(mention_score(name, text), own, k) for k, (name, own) in enumerate(names)]
    score, _, k = max(scored, default=(0, False, None))
    return k if k is not None and score >= MENTIONED else None


# ---------------------------------------------------------------- programs


@lru_cache(maxsize=1024)
def program_key(name: str) -> str:
    """Given a program name as printed, return it without the words that do not tell programs apart.

    >>> program_key("1. PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"), program_key("Program PIAK")
    ('penunjang pemerintahan', 'pengelolaan informasi administrasi kependudukan')
    """
    data = load("verify")["program_names"]
    words = LETTERS.findall(fold_label(name))
    words = [data["abbreviations"].get(w, w) for w in words]
    return " ".join(w for w in words if w not in data["ignore"])


@lru_cache(maxsize=8192)
def same_program(a: str, b: str) -> bool:
    """Two printings of one program: every word of the shorter name is (alike to) a word of the longer.

    >>> same_program("Program Pencatatan Sipil", "Program: Pelayanan Pencatatan Sipil")
    True
    >>> same_program("Program Penyelenggaraan Urusan Pemerintahan Umum", "Program Penyelenggaraan Pemerintahan Dan Pelayanan Publik")
    False
    """
    score = load("verify")["program_names"]["same_word_score"]
    short, long = sorted((program_key(a).split(), program_key(b).split()), key=len)
    if not short or len(short) == 1 and short[0] != long[0]:
        return False  # one word names a program only when it is the first word of the other name
    return all(any(fuzz.ratio(w, v) >= score for v in long) for w in short)


# ---------------------------------------------------------------- which indicator a sentence names


def _name_words(text: str) -> set[str]:
    """Given a name or sentence, return its words, lower case, without numbers and one-letter words.

    >>> sorted(_name_words("Persentase (%) LPM berprestasi/aktif 2023"))
    ['aktif', 'berprestasi', 'lpm', 'persentase']
    """
    text = text.lower()
    return set((_LOWER_ASCII_WORD if text.isascii() else LONG_WORD).findall(text))


def _words_among(text: str, among: frozenset[str]) -> frozenset[str]:
    """Given a sentence and words of two letters or more (as :func:`_name_words` gives them), return those of
    its words that are among them; on ASCII text without making each of its words a string of a set of its
    own (most are in no name).

    >>> sorted(_words_among("Persentase (%) LPM berprestasi/aktif 2023", frozenset({"lpm", "aktif", "x"})))
    ['aktif', 'lpm']
    """
    lower = text.lower()
    if not lower.isascii():
        return among & _name_words(text)
    return among.intersection(lower.encode("ascii").translate(_LETTERS_ONLY).decode("ascii").split())


class IndicatorNames:
    """Find the indicator a sentence names: the words of its name (or an alias), weighted by rarity.

    A word shared by ``n`` indicators weighs ``1/n``; a sentence names the indicator whose weighted
    share of name words it holds is at least ``LINK_MIN`` and ``LINK_MARGIN`` above any other.
    """

    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.variants = [[_name_words(n) for n in [i.name, *i.aliases] if _name_words(n)] for i in indicators]
        df: dict[str, int] = {}
        for variants in self.variants:
            for word in set().union(*variants) if variants else ():
                df[word] = df.get(word, 0) + 1
        self.weight = {w: 1 / n for w, n in df.items()}
        self.name_weight = [[sum(self.weight[w] for w in variant) for variant in variants]
                            for variants in self.variants]  # each name's words, weighed once
        # every name numbered in one run: its indicator and its words' weight; word -> the names holding it
        self._name_of = [k for k, variants in enumerate(self.variants) for _ in variants]
        self._name_weight = [w for weights in self.name_weight for w in weights]
        self.names_holding: dict[str, list[int]] = {}
        for n, variant in enumerate(variant for variants in self.variants for variant in variants):
            for word in variant:
                self.names_holding.setdefault(word, []).append(n)
        self.name_words = frozenset(self.names_holding)  # a set: ``words & keys()`` would copy every key per call

    def score(self, k: int, words: set[str]) -> tuple[float, frozenset[str]]:
        """Given an indicator's index and a sentence's words, return the best share of a name the
        sentence holds, and the name words it holds (the larger set when two names score alike)."""
        best: tuple[float, frozenset[str]] = (0.0, frozenset())
        best_rank = (0.0, 0)
        for variant, name_weight in zip(self.variants[k], self.name_weight[k]):
            if variant.isdisjoint(words):  # holds none of this name: share 0, never better
                continue
            held = frozenset(w for w in variant if w in words)
            share = sum(self.weight[w] for w in held) / name_weight
            rank = (round(share, 6), len(held))
            if rank > best_rank:  # the first of equally good names stays
                best, best_rank = (share, held), rank
        return best

    def candidates(self, words: set[str]) -> list[int]:
        """Given a sentence's words, return the indexes of the indicators (in order) of which it holds
        more than ``CANNOT_MATTER`` of a name: the others change nothing in :meth:`named`."""
        held: dict[int, float] = {}
        weight, holding = self.weight, self.names_holding
        for word in words & self.name_words:  # most words of a sentence are in no name
            w = weight[word]
            for name in holding[word]:
                held[name] = held.get(name, 0.0) + w
        name_of, name_weight = self._name_of, self._name_weight
        return sorted({name_of[n] for n, held_weight in held.items() if held_weight / name_weight[n] > CANNOT_MATTER})

    def may_name(self, text: str) -> bool:
        """Given a paragraph, say whether a sentence of it may name an indicator: False is certain (a
        sentence's words are among its paragraph's, and a name's share only grows with more words), so
        the sentences of most paragraphs are not read one by one.

        >>> from extractor.model import Indicator
        >>> names = IndicatorNames([Indicator(id="1", name="Persentase pegawai berprestasi")])
        >>> names.may_name("Realisasi 97%. Pegawai berprestasi 12 orang."), names.may_name("Tahun 2023.")
        (True, False)
        """
        weight, holding, name_weight = self.weight, self.names_holding, self._name_weight
        held: dict[int, float] = {}
        for word in _words_among(text, self.name_words):  # as candidates(), stopping at the first name found
            w = weight[word]
            for name in holding[word]:
                held[name] = held_weight = held.get(name, 0.0) + w
                if held_weight / name_weight[name] > CANNOT_MATTER:  # a share only grows: candidates() holds it
                    return True
        return False

    def named(self, sentence: str):
        """Given a sentence, return the indicator it names, None, or ``AMBIGUOUS``.

        A name whose words the sentence holds only as part of a longer name it holds
        ("Terlaksananya Kerjasama Daerah" inside "… Daerah dengan Pihak Ketiga") does not count.
        Only :meth:`candidates` are scored: a share of ``LINK_MIN - LINK_MARGIN`` or less is neither
        named nor close enough to a named indicator's share to make the sentence ambiguous.
        """
        words = _words_among(sentence, self.name_words)  # the others are in no name: they change no share
        candidates = self.candidates(words)
        if not candidates:  # most sentences
            return None
        scored = [(*self.score(k, words), k) for k in candidates]
        strong = [held for share, held, _ in scored if share >= LINK_MIN]
        scored = sorted(((share, k) for share, held, k in scored if not any(held < other for other in strong)),
                        reverse=True)
        if not scored or scored[0][0] < LINK_MIN:
            return None
        if len(scored) > 1 and scored[1][0] > scored[0][0] - LINK_MARGIN:
            return AMBIGUOUS
        return self.indicators[scored[0][1]]
