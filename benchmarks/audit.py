"""Speed of the audit's detector set, the figure issue 3 asks for under this name.

    .venv/bin/python benchmarks/audit.py            # 10,000 documents
    .venv/bin/python benchmarks/audit.py --quick    # 1,000 documents

Documents per second of every detector on the 250 clean French articles of
../shared/bench-data/french-news-clean repeated to 10,000 documents, on one core, with the time
per detector family (where the time goes). It is section 4 of benchmarks/detectors.py, which
also prints label recall, clean-corpus findings and planted-defect precision and recall.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from detectors import speed  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 documents instead of 10,000")
    args = ap.parse_args()
    speed(1000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
