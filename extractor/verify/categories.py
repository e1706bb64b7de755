"""``category_mismatch``: an overall predicate of the report ("akumulasi … termasuk kategori 2 (dua) yaitu
Sangat Berhasil", "rata-rata capaian … 100 % dengan kategori Berhasil") against its own scale and the
average it states (or, stating none, the mean capaian of its indicators: a warning, the report's way
of aggregating being unknown); an efficiency label ("Efisien", "Kurang Efisien") against the band of
the report's own efficiency scale (a table of band and label rows, or such rows printed as lines) that
holds the level its capaian and penyerapan give (the level as printed when it agrees with them), else
against the standard threshold of ``patterns/claims.yaml`` (a warning). A label in a paragraph of its own
("efisiensi … termasuk dalam kategori Efisien", after the scale table) is about the efficiency stated
just before it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

import regex

from ..model import Figure, Finding, FindingPart, Indicator, Provenance
from ..names import fold_label, match_indicator, mentioned
from ..numbers import parse_figure
from ..prose import Paragraph, sentences
from ..yardsticks import bands_of, efficiency_kind, in_band, language, neighbours, parse_band, predicate_words, scale_for
from . import Context, compiled, core_words, figures_in, folded, subject_label
from .absorption import is_amount
from .claim_words import Mark, Tokens, data, may_hold, paragraphs_that_may_hold, part_of, place_of, tokens
from .narrative import indicator_names
from .precision import fmt, interval, judge, printed
from .predicate import consistent
from .trends import figure_of

CATEGORY = "category_mismatch"
MAX_CATEGORY_NUMBER = 10  # "kategori 2 (dua)": a row number of the scale, not a percentage


# ------------------------------------------------------------------ overall predicates


@dataclass(frozen=True)
class Category:
    """An overall predicate in prose: the predicate, its category number and stated average, if printed."""

    predicate: str          # canonical (``patterns/predicates.yaml``)
    printed: str            # as printed
    number: int | None
    average: Figure | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _predicate_pattern() -> regex.Pattern:
    """Every predicate word (``patterns/predicates.yaml``), longest first, spaces as any run of spaces."""
    words = sorted(predicate_words(), key=len, reverse=True)
    alternation = "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in words)
    return regex.compile(r"(?<!\p{L})(?:" + alternation + r")(?!\p{L})", regex.I)


_NEXT_WORD = regex.compile(r"\s*\S+")


def find_category(text: str) -> Category | None:
    """Given a sentence, return the overall predicate it states, or None (a sentence about one
    indicator is the predicate rule's; this needs "akumulasi", "rata-rata" or "keseluruhan").

    >>> c = find_category("Nilai rata-rata capaian kinerja sasaran strategis adalah 100 % dengan kategori Berhasil")
    >>> c.predicate, c.number, c.average.raw
    ('Berhasil', None, '100 %')
    >>> c = find_category("Berdasarkan akumulasi Capaian IKU termasuk kategori 2 (dua) yaitu Sangat Berhasil (pilih salah satu).")
    >>> c.predicate, c.number, c.average, c.printed
    ('Sangat Berhasil', 2, None, 'Sangat Berhasil')
    """
    found = tokens(text)
    categories, overall = found.labelled("category"), found.labelled("overall")
    if not categories or not overall:
        return None
    mark = categories[0]
    window = data()["category_window"]
    end = mark.end_char
    for _ in range(window):  # the end of the window-th word after the mark
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            break
        end = nxt.end()
    m = _predicate_pattern().search(text, mark.end_char, end)
    if m is None:
        return None
    numbers = [n for n in found.numbers if n[0] == mark.end]
    number = None
    if numbers and not numbers[0][2] and numbers[0][1].isdigit() and int(numbers[0][1]) <= MAX_CATEGORY_NUMBER:
        number = int(numbers[0][1])
    return Category(predicate_words()[fold_label(m.group(0))], m.group(0), number, _average(text, found, mark),
                    mark.start_char, m.end())


def _average(text: str, found: Tokens, category: Mark) -> Figure | None:
    """The average a sentence states: the first percentage after "rata-rata", before the predicate."""
    for mark in found.labelled("average"):
        for start, _, figure in figures_in(text[mark.end_char:category.start_char]):
            if figure.unit == "%" and figure.value is not None:
                return figure
    return None


def category_findings(ctx: Context) -> Iterator[Finding]:
    """Each overall predicate that the report's scale gives to another average, or whose category number
    is another row of the scale."""
    names = indicator_names(ctx)
    screened = paragraphs_that_may_hold(ctx, ("category",))
    for k, paragraph in enumerate(ctx.paragraphs()):
        if k not in screened or not may_hold(paragraph.text, ("category",)):
            continue
        for offset, sentence in sentences(paragraph):
            claim = find_category(sentence)
            if claim is None or names.named(sentence) is not None:
                continue
            scale = scale_for(claim.predicate, ctx.scales)
            if scale is None:
                continue
            place = place_of(ctx, paragraph, offset + claim.start, sentence)
            yield from _judge_category(ctx, claim, scale, place, sentence)




def mean_achievement(ctx: Context) -> tuple[Decimal, list[FindingPart]] | None:
    """The mean capaian of the report's own indicators for the report year, with the figures averaged."""
    parts = []
    for indicator in ctx.report.indicators:
        if indicator.level != "agency":
            continue
        found = figure_of(indicator, ctx.report.report_year, "achievement")
        if found is not None and found[0].unit in ("%", None):
            parts.append(part_of(f"{subject_label('achievement')} {ctx.report.report_year}, {indicator.name}", *found))
    if not parts:
        return None
    return sum(p.value for p in parts) / len(parts), parts


def _judge_category(ctx: Context, claim: Category, scale: dict, place: Provenance, sentence: str) -> Iterator[Finding]:
    source = (f"{scale['name']} (line {scale['line']})" if scale.get("declared")
              else f"the standard scale {scale['name']}, the report printing none")
    if claim.number is not None and scale.get("declared"):
        row = next(k for k, b in enumerate(scale["bands"], start=1) if b["predicate"] == claim.predicate)
        if row != claim.number:
            yield Finding(
                code=CATEGORY, severity="warning", basis="interpretation",
                message=(f"The text calls the report's performance category {claim.number} \"{claim.printed}\", but "
                         f"{source} lists {claim.predicate} as row {row} (depends on the scale's rows being "
                         f"numbered in the order printed)."),
                subject=f"overall predicate {ctx.report.report_year}", subject_kind="report", field="predicate",
                year=ctx.report.report_year, stated=sentence[claim.start:claim.end],
                expected=f"row {row} ({claim.predicate})", stated_value=Decimal(claim.number),
                expected_value=Decimal(row), formula=f"row of {claim.predicate} in {scale['name']}",
                places=[place], provenance=place)
    if claim.average is not None:
        value, parts, how = claim.average.value, [FindingPart(label="stated average", value=claim.average.value,
                                                             raw=claim.average.raw, provenance=place)], "the stated average"
        fits = consistent(claim.predicate, claim.average, scale)
        severity, basis = ("error", "arithmetic") if scale.get("declared") else ("warning", "interpretation")
    else:
        found = mean_achievement(ctx)
        if found is None:
            return
        value, parts = found
        how = f"the mean {subject_label('achievement')} of the {len(parts)} indicators (the text states no average)"
        fits = any(b["predicate"] == claim.predicate for b in bands_of(value, scale) or neighbours(value, scale))
        severity, basis = "warning", "interpretation"
    if fits:
        return
    right = bands_of(value, scale) or neighbours(value, scale)
    shown = printed(claim.average) if claim.average is not None else f"{fmt(value, 2)}%"
    yield Finding(
        code=CATEGORY, severity=severity, basis=basis,
        message=(f"The text rates the report \"{claim.printed}\", but {how}, {shown}, is "
                 f"{right[0]['predicate']} by {source}"
                 + (" (depends on how the report aggregates its indicators)." if claim.average is None else
                    " (depends on the standard scale)." if basis == "interpretation" else ".")),
        subject=f"overall predicate {ctx.report.report_year}", subject_kind="report", field="predicate",
        year=ctx.report.report_year, stated=sentence[claim.start:claim.end],
        expected=f"{right[0]['predicate']} ({shown})",
        stated_value=claim.average.value if claim.average is not None else None, expected_value=value,
        formula=("stated average vs scale" if claim.average is not None
                 else f"mean of the indicators' {subject_label('achievement')} vs scale"),
        parts=parts, places=[place, *(p.provenance for p in parts if p.provenance and p.provenance is not place)],
        provenance=place)


# ------------------------------------------------------------------ efficiency labels


@lru_cache(maxsize=1)
def _labels() -> tuple[regex.Pattern, dict[str, str]]:
    sides = {fold_label(w): side for side, words in data()["efficiency_labels"].items() for w in words}
    pattern = regex.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in sorted(sides, key=len, reverse=True))
                            + r")(?!\p{L})", regex.I)
    return pattern, sides


@lru_cache(maxsize=16384)
def label_side(text: str) -> str | None:
    """Given a cell, return the side of the threshold its label puts the level on, or None (remembered per
    text: every cell of every table is asked).

    >>> label_side("Kurang Efisien"), label_side("**EFISIEN**"), label_side("Efesi n")
    ('inefficient', 'efficient', None)
    """
    _, sides = _labels()
    return sides.get(fold_label(text.strip(" *_;.")))


@dataclass(frozen=True)
class Label:
    """An efficiency label with the capaian and penyerapan it is about."""

    printed: str
    side: str
    achievement: Figure
    absorption: Figure
    level: Figure | None
    kind: str
    indicator: Indicator | None
    provenance: Provenance
    carried: bool = False   # about an efficiency stated in a paragraph before the label's


def table_labels(ctx: Context) -> Iterator[Label]:
    """Labels in the rows of efficiency tables (a cell that is only a label)."""
    kind = (ctx.scales.get("efficiency_formula") or {}).get("kind", "ratio")
    for table in ctx.tables:
        cols = {key: table.column(key) for key in ("achievement", "absorption", "efficiency")}
        if any(col is None for col in cols.values()):
            continue
        name_col = table.column("indicator")
        for row in table.rows:
            cell = next((c for c in row.cells if label_side(c)), None)
            achievement, absorption = table.figure(row, cols["achievement"]), table.figure(row, cols["absorption"])
            if cell is None or achievement is None or absorption is None or None in (achievement.value, absorption.value):
                continue
            level = table.figure(row, cols["efficiency"])
            if level is not None and (level.value is None or is_amount(level)):
                level = None  # rupiah saved, or nothing, where the level would be
            indicator = match_indicator(" ".join(row.text(name_col).split()), ctx.report.indicators)[0] if name_col else None
            yield Label(cell.strip(), label_side(cell), achievement, absorption, level, kind, indicator, row.provenance)


@dataclass(frozen=True)
class Statement:
    """An efficiency stated in prose: the level, the capaian and penyerapan it comes from, the formula."""

    level: Figure | None
    achievement: Figure
    absorption: Figure
    kind: str
    text: str               # from the level to the end of what was read
    before: str             # the paragraph's text before it


def _statement(pats: dict, fallback: str, span: str, before: str, level: str) -> Statement | None:
    found = {key: pats[key].search(span) for key in ("achievement", "absorption")}
    if not all(found.values()):
        return None
    figures = {key: parse_figure(x["figure"].strip()) for key, x in found.items()}
    if None in figures.values():
        return None
    return Statement(parse_figure(level.strip()), figures["achievement"], figures["absorption"],
                     efficiency_kind(span) or fallback, span, before)


def prose_labels(ctx: Context) -> Iterator[Label]:
    """Labels in the narrative ("… termasuk dalam kategori KURANG EFISIEN"), each with the level,
    capaian and penyerapan stated before it in its paragraph; or, in a paragraph that states none, about
    efficiency ("efisiensi … termasuk dalam kategori Efisien"), the efficiency stated at most
    ``label_lines`` prose lines before it with no heading between (its scale table, as a table or as
    lines, and page headers may stand between)."""
    pats = {key: compiled(language()["efficiency_sentence"][key], regex.I) for key in ("stated", "achievement", "absorption")}
    about = compiled(language()["efficiency_formula"]["line"], regex.I)
    fallback = (ctx.scales.get("efficiency_formula") or {}).get("kind", "ratio")
    pattern, sides = _labels()
    scale_rows = prose_scale_rows(ctx)
    carried: tuple[int, Statement] | None = None
    previous, seen = "", 0
    labelled = ctx.paragraphs_holding(_label_cores())  # :func:`may_hold_label` of each paragraph
    may_state = ctx.may_match(pats["stated"])
    for k, paragraph in enumerate(ctx.paragraphs()):
        text = paragraph.text
        base = seen  # prose lines counted in order, a scale's rows left out: a line's place found when asked
        seen += len(paragraph.lines) - (sum(id(line) in scale_rows for _, line in paragraph.lines) if scale_rows else 0)
        if paragraph.after == "heading":
            carried, previous = None, ""
        stated = list(pats["stated"].finditer(text)) if k in may_state else []
        for m in pattern.finditer(text) if k in labelled else ():
            before = [s for s in stated if s.end() <= m.start()]
            line = paragraph.line_at(m.start())
            if id(line) in scale_rows:
                continue  # a row of a scale printed as lines, not a claim
            if not before:
                sentence = _sentence_at(paragraph, m.start(), previous)
                if carried is None or _position(paragraph, base, line, scale_rows) - carried[0] > data()["label_lines"] \
                        or not about.search(sentence):
                    continue
                statement, carried = carried[1], None
                yield Label(m.group(0), sides[fold_label(m.group(0))], statement.achievement, statement.absorption,
                            statement.level, statement.kind, None,
                            Provenance(file=ctx.report.source.path, line=line.number, page=line.page,
                                       row=sentence[:200]), carried=True)
                continue
            span = text[before[-1].start():m.start()]
            if pattern.search(span):
                continue
            statement = _statement(pats, fallback, span, text[:before[-1].start()], before[-1]["figure"])
            if statement is None:
                continue
            yield Label(m.group(0), sides[fold_label(m.group(0))], statement.achievement, statement.absorption,
                        statement.level, statement.kind, _indicator_before(ctx, statement.before),
                        Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=span[:200]))
        if stated and not pattern.search(text, stated[-1].end()):
            statement = _statement(pats, fallback, text[stated[-1].start():], text[:stated[-1].start()],
                                   stated[-1]["figure"])
            if statement is not None:
                carried = (_position(paragraph, base, paragraph.line_at(stated[-1].start()), scale_rows), statement)
        previous = text


def _position(paragraph, base: int, line, scale_rows) -> int:
    """A paragraph's line's place among the prose lines (a scale's rows left out), the paragraph's first
    after ``base``; a number printed twice takes its last place."""
    seen, found = base, base
    for _, other in paragraph.lines:
        seen += id(other) not in scale_rows
        if other.number == line.number:
            found = seen
    return found


def _sentence_at(paragraph, offset: int, previous: str = "") -> str:
    """The sentence of a paragraph that holds an offset; the first one goes on from the paragraph before
    when that one ends without a stop (a line wrapped before a capital: "… dalam kategori" / "Efisien.")."""
    found = [(start, text) for start, text in sentences(paragraph) if start <= offset < start + len(text) + 1]
    start, text = found[0] if found else (0, paragraph.text)
    if start == 0 and previous and not previous.rstrip().endswith((".", ";", ":", "!", "?")):
        last = [sentence for _, sentence in sentences(Paragraph(text=previous))]
        return f"{last[-1] if last else previous} {text}"
    return text


def _indicator_before(ctx: Context, before: str) -> Indicator | None:
    """The indicator the text before a statement names (as the efficiency rule names it), or None."""
    return mentioned(ctx.report.indicators, before[-300:])


def level_bounds(achievement: Figure, absorption: Figure, kind: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """Given capaian and penyerapan as printed and the formula, return the level and the lowest and
    highest it may be at the precision printed (None when the absorption may be 0).

    >>> [round(x, 4) for x in level_bounds(Figure(value=Decimal("75.07"), raw="75,07%", decimals=2),
    ...                                   Figure(value=Decimal("99.20"), raw="99,20", decimals=2), "ratio")]
    [Decimal('0.7568'), Decimal('0.7566'), Decimal('0.7569')]
    """
    a_low, a_high = interval(achievement.value, achievement.decimals or 0)
    b_low, b_high = interval(absorption.value, absorption.decimals or 0)
    if kind == "difference":
        return achievement.value - absorption.value, a_low - b_high, a_high - b_low
    if b_low <= 0:
        return None
    return achievement.value / absorption.value, a_low / b_high, a_high / b_low


def efficiency_scale(table) -> dict | None:
    """Given a table, return the efficiency scale it prints (rows of a band and a label: "1,00 s.d < 1,20 |
    Efisien"), best first as printed, or None when fewer than two rows are such."""
    bands = []
    for row in table.rows:
        label = next((c.strip() for c in row.cells if label_side(c)), None)
        band = next((b for c in row.cells if (b := parse_band(c)) is not None), None) if label else None
        if band is not None:
            printed_band = next(c for c in row.cells if parse_band(c) is not None)
            bands.append({"predicate": fold_label(label.strip(" *_;.")), "label": label, **band,
                          "printed": printed_band.strip()})
    if len(bands) < 2:
        return None
    return {"name": table.caption_text, "declared": True, "line": table.line, "bands": bands}


def efficiency_scales(ctx: Context) -> list[dict]:
    """The efficiency scales the report's tables print, then those printed as prose lines (a table not
    read as one: "≥ 1,20   Sangat Efisien" on each line), found once."""
    return ctx.once("efficiency_scales", lambda: [s for t in ctx.tables if (s := efficiency_scale(t)) is not None]
                    + _scales_in_lines(ctx))


MAX_BAND_CHARS = 30  # "0,80 s.d < 1,00": what a band cell may hold before its label on a scale line


def scale_row(text: str) -> dict | None:
    """Given a line, return its band when the line is a band and an efficiency label only, else None.

    >>> scale_row("1,00 s.d < 1,20      Efisien")["min"], scale_row("termasuk dalam kategori Efisien")
    (1, None)
    """
    pattern, _ = _labels()
    m = pattern.search(text)
    if m is None or text[m.end():].strip(" .;*_") or len(text[:m.start()].strip()) > MAX_BAND_CHARS:
        return None
    band = parse_band(text[:m.start()])
    return None if band is None else {"predicate": fold_label(m.group(0)), "label": m.group(0), **band,
                                      "printed": text[:m.start()].strip()}


def prose_scale_rows(ctx: Context) -> dict[int, dict]:
    """The prose lines that are a band and an efficiency label (:func:`scale_row`), by ``id`` of the line,
    found once (only the lines that may hold a label are read)."""
    return ctx.once("prose_scale_rows", lambda: {
        id(line): row for k in sorted(ctx.paragraphs_holding(_label_cores()))  # no line of the others holds one
        for _, line in ctx.paragraphs()[k].lines
        if may_hold_label(line.text) and (row := scale_row(line.text.strip())) is not None})


def may_hold_label(text: str) -> bool:
    """Say whether a text may hold an efficiency label: its case-folded form holds a label's words (False is
    certain: a case-insensitive match of a label folds to the label).

    >>> may_hold_label("termasuk dalam kategori SANGAT EFISIEN"), may_hold_label("Capaian kinerja 97%")
    (True, False)
    """
    text = folded(text)
    return any(word in text for word in _label_cores())


@lru_cache(maxsize=1)
def _label_cores() -> tuple[str, ...]:
    """The label words no other label word lies in ("efisien" for "sangat efisien"): a text holding a label
    holds one of them."""
    return core_words(_labels()[1])


def _scales_in_lines(ctx: Context) -> list[dict]:
    """Runs of at least two prose lines that are each a band and a label."""
    runs: list[list[tuple[int, dict]]] = []
    scale_rows = prose_scale_rows(ctx)
    for paragraph in ctx.paragraphs():
        for _, line in paragraph.lines:
            row = scale_rows.get(id(line))
            if row is None:
                continue
            if runs and line.number - runs[-1][-1][0] <= 2:
                runs[-1].append((line.number, row))
            else:
                runs.append([(line.number, row)])
    return [{"name": f"the scale printed at line {run[0][0]}", "declared": True, "line": run[0][0],
             "bands": [row for _, row in run]} for run in runs if len(run) >= 2]


def _fits(band: dict, scale: dict, values: list[Decimal]) -> bool:
    """Say whether any of the values lies in a band of a scale (its best band open above, its worst below)."""
    ordered = sorted(scale["bands"], key=lambda b: Decimal(str(b["min"] if b["min"] is not None else -10 ** 9)))
    return any(in_band(v, band, open_above=band is ordered[-1], open_below=band is ordered[0]) for v in values)


def judge_label(ctx: Context, label: Label) -> Finding | None:
    """Given a label, return its finding when the level lies outside the label's band of the report's own
    efficiency scale, or, the report printing none, on the other side of the standard threshold."""
    bounds = level_bounds(label.achievement, label.absorption, label.kind)
    if bounds is None:
        return None
    key = fold_label(label.printed.strip(" *_;."))
    scale = next((s for s in efficiency_scales(ctx) if any(b["predicate"] == key for b in s["bands"])), None)
    if scale is not None:
        return _judge_on_scale(ctx, label, bounds, scale)
    value, low, high = bounds
    scale = data()["default_efficiency_scale"][label.kind]
    threshold = Decimal(str(scale["threshold"]))
    wrong = high < threshold if label.side == "efficient" else low > threshold
    if not wrong:
        return None
    sign = "/" if label.kind == "ratio" else "−"
    name = language()["efficiency_formula_names"][label.kind]
    side = "above" if label.side == "efficient" else "below"
    return Finding(
        code=CATEGORY, severity="warning", basis="interpretation",
        message=(f"The label \"{label.printed}\" needs {name} {side} {fmt(threshold)}, but "
                 f"{printed(label.achievement)} {sign} {printed(label.absorption)} = {fmt(value, 2)} (depends on the "
                 f"standard threshold: {scale['source']}; the report prints no efficiency scale)."),
        expected=f"{'not ' if label.side == 'efficient' else ''}efficient ({fmt(value, 2)})",
        formula=f"{subject_label('achievement')} {sign} {subject_label('absorption')} vs {fmt(threshold)}",
        **_label_fields(ctx, label, value))


def _judge_on_scale(ctx: Context, label: Label, bounds: tuple[Decimal, Decimal, Decimal], scale: dict) -> Finding | None:
    """The finding of a label whose band of the report's scale holds neither the level its capaian and
    penyerapan give (at the precision printed) nor the level the text states."""
    value, low, high = bounds
    key = fold_label(label.printed.strip(" *_;."))
    band = next(b for b in scale["bands"] if b["predicate"] == key)
    level = label.level if label.level is not None and label.level.value is not None else None
    if level is not None and any(judge(level, v).consistent for v in (value, low, high)):
        levels = [level.value]  # the level as printed is the one the scale is read on ("1,00" for 0,9988)
    else:
        levels = [value, low, high, *([level.value] if level is not None else [])]
    if _fits(band, scale, levels):
        return None
    right = [b for b in scale["bands"] if _fits(b, scale, levels[:1])]
    sign = "/" if label.kind == "ratio" else "−"
    certain = not label.carried and (ctx.scales.get("efficiency_formula") or {}).get("declared")
    why = ("" if certain else " (depends on reading the label as about the efficiency stated before it"
           + ("" if label.carried else " and on the standard formula") + ")")
    return Finding(
        code=CATEGORY, severity="error" if certain else "warning", basis="arithmetic" if certain else "interpretation",
        message=(f"The label \"{label.printed}\" is the band {band['printed']} of {scale['name']} (line "
                 f"{scale['line']}), but {printed(label.achievement)} {sign} {printed(label.absorption)} = "
                 f"{fmt(value, 2)}" + (f", {right[0]['label']} ({right[0]['printed']})" if right else "") + f"{why}."),
        expected=f"{right[0]['label'] if right else 'another band'} ({fmt(value, 2)})",
        formula=f"{subject_label('achievement')} {sign} {subject_label('absorption')} vs {scale['name']}",
        **_label_fields(ctx, label, value))


def _label_fields(ctx: Context, label: Label, value: Decimal) -> dict:
    """The fields of a label's finding that do not depend on the scale that judged it."""
    parts = [FindingPart(label=subject_label("achievement"), value=label.achievement.value, raw=label.achievement.raw,
                         provenance=label.provenance),
             FindingPart(label=subject_label("absorption"), value=label.absorption.value, raw=label.absorption.raw,
                         provenance=label.provenance)]
    subject = label.indicator.name if label.indicator else (label.provenance.row or "")[:80]
    return dict(subject=f"{subject}, {subject_label('efficiency')}",
                subject_kind="indicator" if label.indicator else "report" if label.carried else None,
                subject_id=label.indicator.id if label.indicator else None, field="efficiency_label",
                year=ctx.report.report_year, stated=label.printed,
                stated_value=label.level.value if label.level else None, expected_value=value, parts=parts,
                places=[label.provenance], provenance=label.provenance)
