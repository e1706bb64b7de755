"""The prose rules' tokenizer: spaCy's algorithm on spaCy's Indonesian rules, kept as data.

The rules (prefix, suffix and infix expressions, ``url_match``, about 16 000 special cases, the number
words of ``LIKE_NUM``) are ``patterns/tokenizer_id.json``, written from the installed spaCy by
``scripts/export_spacy_rules.py``; the steps are those of spaCy's ``Tokenizer.__call__``
(``spacy/tokenizer.pyx``, "How spaCy's tokenizer works"), so the tokens are those of
``spacy.blank("id").make_doc`` (the tests compare them token for token) without importing spaCy:

1. split the text at whitespace; a single space after a token belongs to it, other whitespace is a token;
2. a chunk that is a special case gives its pieces; else prefixes and suffixes are split off until none
   is left (stopping at a special case), and what remains is one token (``token_match``, ``url_match``)
   or is split at its infixes;
3. the special cases that affixes split apart are found again across tokens (spaCy's special-case
   matcher) and, where no whitespace stands inside, put back together.

>>> [t.text for t in make_doc("Rata-rata capaian (anak-anak) 97,5%.")]
['Rata-rata', 'capaian', '(', 'anak-anak', ')', '97,5', '%', '.']
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple

from ..errors import PatternDataError
from ..patterns import PATTERNS_DIR, alternatives

RULES_FILE = PATTERNS_DIR / "tokenizer_id.json"
_RUNS = re.compile(r"\s+|\S+")  # \s is str.isspace, the test spaCy splits on
_CHUNKS = re.compile(r"\S+")
_CACHE_LIMIT = 20000            # chunks whose tokens are remembered


class Token(NamedTuple):
    """A token with the attributes the rules read (spaCy's ``text``, ``idx``, ``i``, ``lower_``, ``shape_``,
    ``like_num``)."""

    text: str
    idx: int
    i: int
    lower_: str
    shape_: str
    like_num: bool


def word_shape(text: str) -> str:
    """Given a token's text, return its shape as spaCy writes it (``SHAPE``): letters ``X``/``x``, digits
    ``d``, other characters themselves, a run cut after four.

    >>> word_shape("Tahun"), word_shape("2023"), word_shape("97,5%"), word_shape("abcdefg")
    ('Xxxxx', 'dddd', 'dd,d%', 'xxxx')
    """
    if len(text) >= 100:
        return "LONG"
    shape, last, run = [], "", 0
    for char in text:
        kind = ("X" if char.isupper() else "x") if char.isalpha() else "d" if char.isdigit() else char
        if kind == last:
            run += 1
        else:
            run, last = 0, kind
        if run < 4:
            shape.append(kind)
    return "".join(shape)


def like_num(text: str, number_words: frozenset[str]) -> bool:
    """Given a token's text and the number words, say whether it reads as a number as spaCy's Indonesian
    ``LIKE_NUM`` does (digits with separators, a fraction, a number word, ``ke-5``).

    >>> words = frozenset({"dua", "puluh"})
    >>> like_num("1.234,5", words), like_num("3/4", words), like_num("Dua", words), like_num("ke-2", words)
    (True, True, True, True)
    """
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit() or text.lower() in number_words:
        return True
    if text.count("/") == 1:
        numerator, denominator = text.split("/")
        if numerator.isdigit() and denominator.isdigit():
            return True
    if text.count("-") == 1:
        number = text.split("-")[1]
        return number.isdigit() or number in number_words
    return False


def _compiled(source: dict | None, method: str, path: str) -> Callable | None:
    """Given a regex's source from the rules file, return its bound method (None stays None)."""
    if source is None:
        return None
    try:
        return getattr(re.compile(source["pattern"], source["flags"]), method)
    except (KeyError, TypeError, re.error) as exc:
        raise PatternDataError(path, f"bad {method} expression: {exc}") from None


def _prefix_search(source: dict | None, path: str) -> Callable | None:
    """Given the prefix expression's source, return its ``search``: a match at the start, else a search from
    the second character on of its alternatives not anchored at the start (``^``), the only ones that can
    match there: what ``search`` gives, without trying every anchored one at every position."""
    search = _compiled(source, "search", path)
    if search is None:
        return None
    expression = search.__self__
    if expression.flags != re.compile("", source["flags"]).flags:  # inline flags: searched as it is
        return search
    parts = alternatives(source["pattern"])
    loose = [part for part in parts if not part.startswith("^")]
    if len(loose) == len(parts):
        return search
    if not loose:
        return expression.match
    match, rest = expression.match, re.compile("|".join(loose), source["flags"]).search

    def prefix_search(string: str):
        return match(string) or rest(string, 1)
    return prefix_search


class Tokenizer:
    """spaCy's tokenizer on rules read from :data:`RULES_FILE` (use :func:`tokenizer`, built once)."""

    def __init__(self, rules: dict, path: str = str(RULES_FILE)):
        try:
            specials = rules["special_cases"]
            self.specials: dict[str, tuple[str, ...]] = {string: (string,) for string in specials["whole"]}
            self.specials.update((string, tuple(pieces)) for string, pieces in specials["split"].items())
            self.number_words = frozenset(rules["number_words"])
            self.faster_heuristics = bool(rules["faster_heuristics"])
            sources = {name: rules[name] for name in ("prefix", "suffix", "infix", "token_match", "url_match")}
        except (KeyError, TypeError, AttributeError) as exc:
            raise PatternDataError(path, f"tokenizer rules lack {exc}") from None
        self.prefix_search = _prefix_search(sources["prefix"], path)
        self.suffix_search = _compiled(sources["suffix"], "search", path)
        self.infix_finditer = _compiled(sources["infix"], "finditer", path)
        self.token_match = _compiled(sources["token_match"], "match", path)
        self.url_match = _compiled(sources["url_match"], "match", path)
        self._chunks: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, tuple[str, ...] | None] = {}
        self._glued: dict[tuple[str, ...], bool] = {}
        self._records: dict[str, tuple] = {}
        self._longest = max(map(len, self.specials), default=0)

    # -------------------------------------------------------------- steps 1 and 2: chunks and affixes

    def pieces(self, text: str, with_specials: bool = True,
               glued: list[tuple[str, ...]] | None = None) -> list[tuple[str, int]]:
        """Given a text, return its tokens' texts and offsets before the special-case matcher runs (and add
        to ``glued`` the runs of tokens printed without a space between them)."""
        found: list[tuple[str, int]] = []
        run_of: list[str] = []
        for run in _RUNS.finditer(text):
            start, chunk = run.start(), run.group()
            if start and chunk[0] == " ":  # the one space after a token belongs to it
                start += 1
                chunk = chunk[1:]
                if glued is not None:
                    glued.append(tuple(run_of))
                    run_of = []
            for piece in self.chunk(chunk, with_specials) if chunk else ():
                found.append((piece, start))
                start += len(piece)
                run_of.append(piece)
        if glued is not None:
            glued.append(tuple(run_of))
        return found

    def chunk(self, chunk: str, with_specials: bool = True) -> tuple[str, ...]:
        """Given a whitespace-free chunk (or a run of whitespace), return its tokens (remembered)."""
        if with_specials and chunk in self.specials:
            return self.specials[chunk]
        key = (chunk, with_specials)
        found = self._chunks.get(key)
        if found is None:
            prefixes, core, suffixes = self._split_affixes(chunk, with_specials)
            found = tuple(prefixes) + self._core(core, with_specials) + tuple(reversed(suffixes))
            if len(self._chunks) < _CACHE_LIMIT:
                self._chunks[key] = found
        return found

    def _prefix_length(self, string: str) -> int:
        match = self.prefix_search(string) if self.prefix_search else None
        return match.end() - match.start() if match else 0

    def _suffix_length(self, string: str) -> int:
        match = self.suffix_search(string) if self.suffix_search else None
        return match.end() - match.start() if match else 0

    def _split_affixes(self, string: str, with_specials: bool) -> tuple[list[str], str, list[str]]:
        """Split prefixes and suffixes off a chunk as spaCy's ``_split_affixes``: return them and the core."""
        specials = self.specials if with_specials else {}
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = 0
        while string and len(string) != last_size:
            if (self.token_match and self.token_match(string)) or string in specials:
                break
            last_size = len(string)
            pre_len = self._prefix_length(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in specials:
                    prefixes.append(prefix)
                    return prefixes, minus_pre, suffixes
            suf_len = self._suffix_length(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    suffixes.append(suffix)
                    return prefixes, minus_suf, suffixes
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return prefixes, string, suffixes

    def _core(self, string: str, with_specials: bool) -> tuple[str, ...]:
        """Given what affixes leave of a chunk, return its tokens (a special case, one token, or split at infixes)."""
        if not string:
            return ()
        if with_specials and string in self.specials:
            return self.specials[string]
        if (self.token_match and self.token_match(string)) or (self.url_match and self.url_match(string)):
            return (string,)
        found: list[str] = []
        start = 0
        for match in (self.infix_finditer(string) if self.infix_finditer else ()):
            infix_start, infix_end = match.span()
            if infix_start == 0:  # an infix at the very start is not split off
                continue
            if infix_start != start:
                found.append(string[start:infix_start])
            if infix_start != infix_end:
                found.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            found.append(string[start:])
        return tuple(found)

    # -------------------------------------------------------------- step 3: the special-case matcher

    def pattern(self, special: str) -> tuple[str, ...] | None:
        """Given a special case, return the tokens spaCy's special-case matcher looks for (its tokens without
        special cases), or None when the matcher does not hold it (it has no affix and no space)."""
        if special not in self._patterns:
            held = (not self.faster_heuristics or " " in special or self._prefix_length(special)
                    or self._suffix_length(special)
                    or (self.infix_finditer is not None and next(self.infix_finditer(special), None) is not None))
            self._patterns[special] = tuple(p for p, _ in self.pieces(special, False)) if held else None
        return self._patterns[special]

    def _special_spans(self, texts: list[str]) -> list[tuple[int, int]]:
        """Given the tokens' texts, return the spans ``[start, end)`` the special-case matcher finds."""
        spans = []
        for start in range(len(texts)):
            joined = ""
            for end in range(start, len(texts)):
                joined += texts[end]
                if len(joined) > self._longest:
                    break
                for special in self._candidates(joined):
                    if self.pattern(special) == tuple(texts[start:end + 1]):
                        spans.append((start, end + 1))
                        break
        return spans

    def _candidates(self, joined: str) -> tuple[str, ...]:
        """Given tokens' texts run together, return the special cases whose matcher tokens run together so."""
        found = (joined,) if joined in self.specials else ()
        return found + self._spaced().get(joined, ())

    @lru_cache(maxsize=1)
    def _spaced(self) -> dict[str, tuple[str, ...]]:
        """The special cases holding whitespace, by their matcher tokens run together."""
        index: dict[str, tuple[str, ...]] = {}
        for special in self.specials:
            if special.split() != [special] and (tokens := self.pattern(special)):
                joined = "".join(tokens)
                if joined != special:
                    index[joined] = index.get(joined, ()) + (special,)
        return index

    def _may_change(self, text: str, glued: list[tuple[str, ...]]) -> bool:
        """Say whether the special-case matcher can change the tokens (False is certain): a span changes only
        where its text is a special case other than its tokens, so inside a run of tokens printed without
        whitespace between them, or where a special case holding whitespace is printed."""
        return (any(self._glued_may_change(run) for run in glued)
                or any(special in text for special in self._spaced_specials()))

    def _glued_may_change(self, run: tuple[str, ...]) -> bool:
        """Given tokens printed without whitespace between them, say whether some of them run together are
        a special case the matcher finds there and would split otherwise (remembered)."""
        known = self._glued.get(run)
        if known is None:
            known = any(self._changes_at(run, start) for start in range(len(run)))
            if len(self._glued) < _CACHE_LIMIT:
                self._glued[run] = known
        return known

    def _changes_at(self, run: tuple[str, ...], start: int) -> bool:
        joined = ""
        for end in range(start, len(run)):
            joined += run[end]
            if len(joined) > self._longest:
                return False
            if (joined in self.specials and self.specials[joined] != run[start:end + 1]
                    and self.pattern(joined) == run[start:end + 1]):
                return True
        return False

    @lru_cache(maxsize=1)
    def _spaced_specials(self) -> tuple[str, ...]:
        """The special cases holding whitespace that the matcher holds as more than one token."""
        return tuple(special for special in self.specials
                     if special.split() != [special] and len(self.pattern(special) or ()) > 1)

    def merge_special_cases(self, text: str, pieces: list[tuple[str, int]],
                            glued: list[tuple[str, ...]]) -> list[tuple[str, int]]:
        """Apply spaCy's special-case matcher: the longest spans first, then the earliest, none overlapping a
        span taken before (nor its first or last token one seen before); a span whose text is a special case
        becomes its pieces."""
        if not self._may_change(text, glued):
            return pieces
        spans = self._special_spans([p for p, _ in pieces])
        if not spans:
            return pieces
        seen: set[int] = set()
        taken = []
        for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if start not in seen and end - 1 not in seen:
                taken.append((start, end))
            seen.update(range(start, end))
        merged, position = [], 0
        for start, end in sorted(taken):
            merged.extend(pieces[position:start])
            first, last = pieces[start], pieces[end - 1]
            span_text = text[first[1]: last[1] + len(last[0])]
            if span_text in self.specials:
                offset = first[1]
                for piece in self.specials[span_text]:
                    merged.append((piece, offset))
                    offset += len(piece)
            else:
                merged.extend(pieces[start:end])
            position = end
        merged.extend(pieces[position:])
        return merged

    # -------------------------------------------------------------- a screen: may a token be one of some words?

    def may_hold(self, text: str, words: Iterable[str]) -> bool:
        """Given a text and lower-case words, say whether one of its tokens' lower case may be one of them
        (False is certain) without tokenizing the whole text: only its whitespace-free chunks that hold a word
        are split (each chunk's tokens are remembered). The special-case matcher of step 3 puts no token
        there that is not a piece of a special case: a word that is one is taken as held wherever the text
        holds it; words not all ASCII (a lower case may depend on the letters around it) are not screened.

        >>> t = tokenizer()
        >>> t.may_hold("yang ditetapkan", ("tetap",)), t.may_hold("(tetap).", ("tetap",)), t.may_hold("ok", ("x",))
        (False, True, False)
        """
        words = tuple(words)
        if not all(map(str.isascii, words)):
            return True
        lowered = text.lower()
        present = list(filter(lowered.__contains__, words))
        if not present:
            return False
        if any(word in self._special_pieces() for word in present):
            return True
        wanted = frozenset(present)
        for chunk in _CHUNKS.findall(text):
            folded = chunk.lower()
            if any(map(folded.__contains__, present)) and any(piece.lower() in wanted for piece in self.chunk(chunk)):
                return True
        return False

    @lru_cache(maxsize=1)
    def _special_pieces(self) -> frozenset[str]:
        """The lower case of every piece of a special case (what the special-case matcher may make a token)."""
        return frozenset(piece.lower() for pieces in self.specials.values() for piece in pieces)

    # -------------------------------------------------------------- the tokens

    @lru_cache(maxsize=4096)
    def __call__(self, text: str) -> tuple[Token, ...]:
        """Given a text, return its tokens as ``spacy.blank("id").make_doc`` gives them.

        Steps 1 and 2 read each chunk's tokens, with their lexemes, from :meth:`_record`; step 3 runs only
        where the special-case matcher may change them (:meth:`_may_change`)."""
        found: list[tuple[str, int, str, str, bool]] = []
        changes = False
        run: list[tuple] = []  # the records of the chunks printed without a space between them
        start = 0
        for chunk in _RUNS.findall(text):
            position = start
            start += len(chunk)
            if position and chunk[0] == " ":  # the one space after a token belongs to it
                changes = changes or self._run_may_change(run)
                run = []
                position += 1
                chunk = chunk[1:]
                if not chunk:
                    continue
            record = self._record(chunk)
            run.append(record)
            for piece, lower, shape, number in record[0]:
                found.append((piece, position, lower, shape, number))
                position += len(piece)
        if changes or self._run_may_change(run) or any(special in text for special in self._spaced_specials()):
            glued: list[tuple[str, ...]] = []
            pieces = self.merge_special_cases(text, self.pieces(text, glued=glued), glued)
            return tuple(Token(piece, idx, i, *self.lexeme(piece)) for i, (piece, idx) in enumerate(pieces))
        return tuple([_new_token(Token, (piece, idx, i, lower, shape, number))
                      for i, (piece, idx, lower, shape, number) in enumerate(found)])

    def _record(self, chunk: str) -> tuple[tuple[tuple[str, str, str, bool], ...], bool]:
        """Given a chunk, return its tokens with their lexemes, and whether the special-case matcher may change
        them when no other chunk is glued to it (remembered)."""
        record = self._records.get(chunk)
        if record is None:
            pieces = self.chunk(chunk)
            record = (tuple((piece, *self.lexeme(piece)) for piece in pieces), self._glued_may_change(pieces))
            if len(self._records) < _CACHE_LIMIT:
                self._records[chunk] = record
        return record

    def _run_may_change(self, run: list[tuple]) -> bool:
        """Given the records of chunks printed without a space between them, say whether the special-case
        matcher may change their tokens."""
        if len(run) == 1:
            return run[0][1]
        return bool(run) and self._glued_may_change(tuple(piece[0] for record in run for piece in record[0]))

    @lru_cache(maxsize=50000)
    def lexeme(self, text: str) -> tuple[str, str, bool]:
        """Given a token's text, return its lower case, shape and whether it reads as a number."""
        return text.lower(), word_shape(text), like_num(text, self.number_words)


_new_token = tuple.__new__  # a Token from its fields, without the keyword handling of its constructor


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    """Return the tokenizer on :data:`RULES_FILE` (read and compiled once)."""
    try:
        rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternDataError(str(RULES_FILE), "pattern file is missing; reinstall the package") from None
    except json.JSONDecodeError as exc:
        raise PatternDataError(str(RULES_FILE), f"not JSON: {exc}") from None
    return Tokenizer(rules)


def make_doc(text: str) -> tuple[Token, ...]:
    """Given a text, return its tokens as ``spacy.blank("id").make_doc`` gives them."""
    return tokenizer()(text)
