"""The words of claims in prose, as token rules (``patterns/claims.jsonl``, spaCy's Matcher semantics:
:mod:`.token_rules`) run on the narrative check's tokens (:mod:`.tokenizer`), and the data of
``patterns/claims.yaml``; read by :mod:`extractor.verify.trends` and :mod:`extractor.verify.categories`.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

from ..model import Figure, FindingPart, Measurement, Provenance
from ..patterns import PATTERNS_DIR, load, load_lines
from ..prose import Paragraph
from . import Context
from .token_rules import Rules, Span
from .tokenizer import Token, make_doc, tokenizer

DIRECTIONS = ("up", "down", "same")
SUBJECTS = ("achievement", "realization", "target")


@lru_cache(maxsize=1)
def data() -> dict:
    """Return ``patterns/claims.yaml`` (validated once)."""
    return load("claims")


@lru_cache(maxsize=1)
def matcher() -> Rules:
    """Return the rules of ``patterns/claims.jsonl`` (validated and compiled once)."""
    return Rules.from_rows(load_lines("claims"), str(PATTERNS_DIR / "claims.jsonl"))


def may_hold(text: str, labels: tuple[str, ...]) -> bool:
    """Say whether a text may hold a phrase of the labels (False is certain): the rules need not run on it
    when no token of it is a word a phrase of theirs opens with (:meth:`.tokenizer.Tokenizer.may_hold`).

    >>> may_hold("Target yang dicapai", ("up", "down", "same")), may_hold("yang menurun", ("down",))
    (False, True)
    >>> may_hold("kinerja yang ditetapkan bersama", ("same",))
    False
    """
    words = matcher().openings_of(labels)
    return words is None or tokenizer().may_hold(text, words)


def paragraphs_that_may_hold(ctx: Context, labels: tuple[str, ...]) -> frozenset[int] | range:
    """Given the context and labels, return the indexes of the paragraphs of which :func:`may_hold` may be
    True, looked up in the whole prose at once (:meth:`~extractor.verify.Context.paragraphs_holding`: a
    word of ASCII letters in a lower-cased text is in its fold too); every index when a word is not ASCII."""
    words = matcher().openings_of(labels)
    if words is not None and all(word.isascii() for word in words):
        return ctx.paragraphs_holding(words)
    return range(len(ctx.paragraphs()))


Mark = Span  # a span the claim rules mark: its label, its tokens ``[start, end)`` and characters


class Tokens:
    """A text's tokens as the claims rules read them: marks, years and the tokens that break a phrase.

    Each is found when first asked; the marks of labels none of whose phrases' opening words may be a token
    of the text (:meth:`.tokenizer.Tokenizer.may_hold`) are known to be none without tokenizing it.
    """

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def doc(self) -> tuple[Token, ...]:
        return make_doc(self.text)

    @cached_property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(sorted(matcher().spans(self.doc), key=lambda m: (m.start, -m.end)))

    @cached_property
    def years(self) -> tuple[tuple[int, int, int], ...]:
        """(token, year, start char) of each year."""
        return tuple((t.i, int(t.text), t.idx) for t in self.doc if t.shape_ == "dddd" and t.text[:2] in ("19", "20"))

    @cached_property
    def breaks(self) -> frozenset[int]:
        """The tokens of punctuation that ends a phrase (, ; . :)."""
        return frozenset(t.i for t in self.doc if t.text in (",", ";", ".", ":"))

    @cached_property
    def numbers(self) -> tuple[tuple[int, str, bool], ...]:
        """(token, text, followed by "%") of digit tokens."""
        doc = self.doc
        return tuple((t.i, t.text, t.i + 1 < len(doc) and doc[t.i + 1].text == "%") for t in doc if t.text[:1].isdigit())

    @cached_property
    def length(self) -> int:
        return len(self.doc)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Every token, lower case."""
        return tuple(t.lower_ for t in self.doc)

    def fillers(self, name_words: frozenset[str] = frozenset()) -> frozenset[int]:
        """Return the tokens that only say what and when a figure is ("indikator <name> tahun 2023 sebesar
        93 %"): the ``filler`` and ``by`` marks, years, figures, units and the words of ``name_words``."""
        marked = {i for m in self.labelled("filler", "by") for i in range(m.start, m.end)}
        figures = {i for i, _, _ in self.numbers} | {i for i, w in enumerate(self.words) if w == "%"}
        named = {i for i, w in enumerate(self.words) if w in name_words}
        return frozenset(marked | figures | named | {t for t, _, _ in self.years})

    def labelled(self, *labels: str) -> list[Mark]:
        """Given labels, return the marks of theirs, in order.

        >>> found = tokens("yang ditetapkan bersama")
        >>> found.labelled("same"), "doc" in vars(found)
        ([], False)
        """
        if "marks" not in vars(self):
            words = matcher().openings_of(labels)
            if words is not None and not tokenizer().may_hold(self.text, words):
                return []
        return [m for m in self.marks if m.label in labels]


@lru_cache(maxsize=4096)
def tokens(text: str) -> Tokens:
    """Given a sentence, return its :class:`Tokens` (cached per text).

    >>> [m.label for m in tokens("capaian tahun 2023 menurun").marks]
    ['achievement', 'filler', 'down']
    """
    return Tokens(text)


def place_of(ctx: Context, paragraph: Paragraph, offset: int, text: str) -> Provenance:
    """Given a paragraph, an offset in it and the sentence there, return where the claim stands."""
    line = paragraph.line_at(offset)
    return Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=text[:200])


def part_of(label: str, figure: Figure, measurement: Measurement) -> FindingPart:
    """Given a label and a table's figure with the measurement that prints it, return the finding's part."""
    return FindingPart(label=label, value=figure.value, raw=figure.raw, provenance=measurement.provenance)


def short(name: str, limit: int = 70) -> str:
    """Given a name, return it cut at a word for a message.

    >>> short("Persentase korban bencana alam dan sosial yang terpenuhi kebutuhan dasarnya", 30)
    'Persentase korban bencana …'
    """
    return name if len(name) <= limit else name[:limit].rsplit(" ", 1)[0] + " …"

