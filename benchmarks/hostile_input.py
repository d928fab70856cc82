"""Hostile input: how long and how much memory each GENERATED hostile file costs before it is
refused (or, for the valid 50,000 rows, accepted). Prints one line per file.

    PYTHONPATH=. python benchmarks/hostile_input.py [--out benchmarks/results/hostile_input.json]

Each file is generated into a temporary folder by tests/unit/hostile_files.py (nothing is
committed) and read + validated in a fresh child process against the TEST served dataset
(tests/fixtures/userdata/test_served_dataset), the way `python -m dashboard validate` does.
The child reports the seconds spent reading and validating (the imports excluded) and its peak
resident memory (ru_maxrss, imports included: about 150-200 MB of it is pandas and pyarrow).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))


def measure_in_child(path: Path, served: Path) -> dict:
    from hostile_files import measure_in_child as measure

    return measure(path, served)


def cases(folder: Path) -> dict[str, Path]:
    import hostile_files as files

    return {
        "wide CSV, 20,000 columns": files.wide_csv(folder / "wide.csv"),
        "XLSX bomb, 1,000,000 rows": files.bomb_xlsx(folder / "bomb.xlsx"),
        "XLSX, 5,000 cells -> one 100 KB string": files.amplified_xlsx(folder / "amp.xlsx"),
        "XLSX, 50,000 rows x 2 cells -> one 4 KB string": files.amplified_xlsx(
            folder / "amp4k.xlsx", rows=50_000, chars=4_000
        ),
        "CSV, 50,000 valid rows": files.long_csv(folder / "long.csv"),
        "CSV, 50,000 rows of unknown ids": files.long_csv(folder / "bad.csv", bad=True),
        "CSV, 50,000 copies of one reading": files.duplicate_csv(folder / "dup.csv"),
        "CSV, value 1e29": files.number_csv(folder / "e29.csv", "1" + "0" * 29),
        "CSV, value overflowing to inf": files.number_csv(folder / "inf.csv", "1" + "0" * 400),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="also write the figures as JSON")
    arguments = parser.parse_args()
    from dashboard.data.build import build

    results = []
    with tempfile.TemporaryDirectory(prefix="hostile-") as temporary:
        folder = Path(temporary)
        served = folder / "served.parquet"
        assert build(ROOT / "tests" / "fixtures" / "userdata" / "test_served_dataset", served) == []
        for name, path in cases(folder).items():
            figures = {"case": name, "bytes": path.stat().st_size, **measure_in_child(path, served)}
            results.append(figures)
            print(
                f"{name:<48} {figures['bytes']:>10,} B  {figures['seconds']:>6.2f} s  "
                f"peak {figures['peak_mb']:>4} MB (+{figures['added_mb']} MB)  "
                f"{figures['first']}",
                flush=True,
            )
    if arguments.out:
        arguments.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
