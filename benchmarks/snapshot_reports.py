"""Write, or compare against, the whole report JSON (findings, figures, everything) of every corpus text report
and of generated reports: a guard that a speed change leaves the results byte-identical.

    python benchmarks/snapshot_reports.py write /tmp/fv_before [--generated 20]
    python benchmarks/snapshot_reports.py compare /tmp/fv_before [--generated 20]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def reports(generated: int, folder: Path) -> list[Path]:
    from synth.archive import write_archive

    return sorted((ROOT / "corpus").glob("*.txt")) + write_archive(folder, generated)


def dump(path: Path) -> str:
    from extractor import extract

    return extract(path).model_dump_json(indent=1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["write", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--generated", type=int, default=20)
    args = parser.parse_args()
    synth = Path("/tmp/snapshot_reports_synth")  # the same path every run: provenance names the file
    differ = 0
    for path in reports(args.generated, synth):
        name = path.relative_to(ROOT if path.is_relative_to(ROOT) else synth).as_posix().replace("/", "__") + ".json"
        text = dump(path)
        target = args.folder / name
        if args.action == "write":
            args.folder.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        elif target.read_text(encoding="utf-8") != text:
            differ += 1
            (args.folder / (name + ".after")).write_text(text, encoding="utf-8")
            print(f"DIFFERS {name}  (diff {target} {target}.after)")
    print(f"{args.action}: {'no' if not differ else differ} difference(s)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
