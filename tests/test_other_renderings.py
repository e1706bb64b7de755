"""The corpus reports rendered otherwise by the test itself: markdown pipe tables, CRLF and cp1252.

Converters other than the one that made the corpus write tables as markdown (``| a | b |`` with a
``|---|`` rule under the header) and Windows tools save CRLF in cp1252. The hand-read values must come
out the same.
"""
from pathlib import Path

import pytest

import corpus_expectations as ce
from extractor.pipeline import extract

CLEAN = ["kota-dumai_sekretariat-daerah_2023", "kota-dumai_kecamatan-dumai-kota_2022",
         "kota-dumai_disdukcapil_2023", "kota-dumai_dinsos-pmd_2023"]


def as_markdown(text: str) -> str:
    """Tab-separated rows become pipe rows; a rule row follows the first row of each table."""
    out, in_table = [], False
    for line in text.splitlines():
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            out.append(line)
            in_table = in_table and not line.strip()
    return "\n".join(out) + "\n"


def rendered(stem: str, tmp: Path, kind: str) -> Path:
    text = (ce.CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    path = tmp / f"{stem}.txt"
    if kind == "markdown":
        path.write_text(as_markdown(text), encoding="utf-8")
    else:  # Windows: CRLF line ends, cp1252 where it can encode the text
        path.write_bytes(text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
    return path


@pytest.mark.parametrize("kind", ["markdown", "crlf_cp1252"])
@pytest.mark.parametrize("stem", CLEAN)
def test_same_figures_as_the_tab_text(stem, kind, tmp_path):
    original = ce.report(stem)
    other = extract(rendered(stem, tmp_path, kind))
    assert (other.agency, other.region, other.report_year) == (original.agency, original.region, original.report_year)

    def figures(rep):
        return ([(i.name, m.year, *(f.value if f else None for f in (m.target, m.realization, m.achievement)), m.predicate)
                 for i in rep.indicators if i.level == "agency" for m in i.measurements],
                [(p.name, *(f.value if f else None for f in (p.allocation, p.realization, p.absorption)))
                 for p in rep.programs],
                [getattr(rep.budget, k) and getattr(rep.budget, k).value for k in ce.BUDGET_KEYS])
    assert figures(other) == figures(original)
    if kind == "crlf_cp1252":
        assert any(w.code == "W_ENCODING" for w in other.warnings)
