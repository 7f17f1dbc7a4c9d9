"""Fuzz every reader for a long time: inputs tried, inputs/s, rejections and uncaught exceptions.

The invariant (issue 20): one bad input is a recorded rejection (or a clear ConfigError /
InputError for a configuration or OPML file), never an uncaught exception. Each reader of
tests/fuzz/targets.py is fed random byte and structure mutations (tests/fuzz/mutate.py) of its
seed corpus (tests/fuzz/seeds.py); an input that produces a new outcome (a new set of reason
codes, a new number of items) joins the corpus, a cheap stand-in for coverage guidance. The
first few distinct exceptions per reader (by type and the line that raised) are minimised and
written to --findings, with their traceback. An input that runs longer than --hang-seconds is a
finding too.

    .venv/bin/python benchmarks/fuzz.py                      # 1,000,000 inputs in all
    .venv/bin/python benchmarks/fuzz.py --seconds 1800 --jobs 2
    .venv/bin/python benchmarks/fuzz.py --quick               # 1,000 inputs per reader
    .venv/bin/python benchmarks/fuzz.py --readers feed,jsonl --inputs 50000

Pure Python on purpose: atheris installs from PyPI here (3.0.0), but it takes over the process
per target and reports nothing per reader; this engine is the one the CI tests use, and a
finding replays from (reader, seed, input number). Figures are indicative: 2 shared cores.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import signal
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fuzz.mutate import minimise, mutate  # noqa: E402
from fuzz.seeds import seeds  # noqa: E402
from fuzz.targets import (  # noqa: E402
    DOCUMENT_MEDIA_TYPES,
    FEED_CONTENT_TYPES,
    TARGETS,
    Outcome,
    run_feed,
    run_html,
    run_sitemap,
)

#: Findings kept per reader: the first few distinct exceptions are what one fixes first.
FINDINGS_PER_READER = 5
#: The corpus grows with inputs that gave a new outcome, up to this many per reader.
MAX_CORPUS = 300


class Hang(Exception):
    """An input that ran longer than --hang-seconds (a stalled run is a finding too)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("input took longer than the hang limit")


def _runner(name: str, rng: random.Random):  # noqa: ANN202 - a closure per reader
    """The reader's run function, with its variant (content type, media type) drawn per input."""
    if name == "feed":
        return lambda data: run_feed(data, rng.choice(FEED_CONTENT_TYPES))
    if name == "sitemap":
        return lambda data: run_sitemap(data, rng.choice(("application/xml", "text/plain", "")))
    if name == "html":
        return lambda data: run_html(data, rng.choice(DOCUMENT_MEDIA_TYPES), None)
    return TARGETS[name].run


def _where(exc: BaseException) -> str:
    """Exception type and the innermost line that raised it: one finding per distinct place."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    place = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {place}"


@dataclass
class ReaderReport:
    name: str
    inputs: int = 0
    seconds: float = 0.0
    rejected: int = 0  # inputs with at least one rejection (or a config/OPML refusal)
    items: int = 0
    uncaught: int = 0
    hangs: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    findings: dict[str, str] = field(default_factory=dict)  # where -> file written
    corpus: int = 0


def fuzz_reader(
    name: str, inputs: int, seconds: float | None, seed: int, findings: Path, hang: float
) -> ReaderReport:
    """Run one reader for `inputs` inputs (or `seconds`); runs in a worker process."""
    logging.disable(logging.CRITICAL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # warcio and lxml print a line per damaged record to stderr
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(f"{seed}:{name}")
    corpus = list(seeds(name))
    run = _runner(name, rng)
    report = ReaderReport(name)
    outcomes_seen: set[tuple[object, ...]] = set()
    start = time.perf_counter()
    deadline = start + seconds if seconds else None
    while report.inputs < inputs and (deadline is None or time.perf_counter() < deadline):
        data = mutate(rng.choice(corpus), rng, corpus)
        report.inputs += 1
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            outcome: Outcome = run(data)
        except Hang as exc:
            report.hangs += 1
            _record(report, name, "Hang", data, exc, findings, None)
            continue
        except Exception as exc:  # noqa: BLE001 - the finding this benchmark exists for
            signal.setitimer(signal.ITIMER_REAL, 0)
            report.uncaught += 1
            _record(report, name, _where(exc), data, exc, findings, run)
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        report.items += outcome.items
        if outcome.rejected:
            report.rejected += 1
        report.reasons.update(outcome.rejections)
        if outcome.config_error:
            report.reasons["config_error"] += 1
        signature = (tuple(sorted(outcome.rejections)), min(outcome.items, 5), outcome.unchanged)
        if signature not in outcomes_seen and len(corpus) < MAX_CORPUS:
            outcomes_seen.add(signature)
            corpus.append(data)
    report.seconds = time.perf_counter() - start
    report.corpus = len(corpus)
    return report


def _record(
    report: ReaderReport,
    name: str,
    where: str,
    data: bytes,
    exc: BaseException,
    findings: Path,
    run: object,
) -> None:
    """Write the first few distinct findings, minimised (a hang is written as found)."""
    if where in report.findings or len(report.findings) >= FINDINGS_PER_READER:
        return
    if callable(run):

        def still_fails(candidate: bytes) -> bool:
            try:
                run(candidate)
            except Exception as again:  # noqa: BLE001
                return _where(again) == where
            return False

        data = minimise(data, still_fails, budget=300)
    findings.mkdir(parents=True, exist_ok=True)
    number = len(report.findings) + 1
    stem = findings / f"{name}-{number}"
    stem.with_suffix(".bin").write_bytes(data)
    stem.with_suffix(".txt").write_text(
        f"reader: {name}\nfinding: {where}\ninput: {stem.with_suffix('.bin').name} "
        f"({len(data)} bytes)\n\n" + "".join(traceback.format_exception(exc)),
        encoding="utf-8",
    )
    report.findings[where] = str(stem.with_suffix(".bin"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs in all, split")
    parser.add_argument("--seconds", type=float, help="time budget instead of --inputs")
    parser.add_argument("--readers", default=",".join(TARGETS), help="comma-separated names")
    parser.add_argument("--jobs", type=int, default=1, help="processes (readers in parallel)")
    parser.add_argument("--seed", type=int, default=20, help="random seed (same seed, same run)")
    parser.add_argument("--hang-seconds", type=float, default=20.0)
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--quick", action="store_true", help="1,000 inputs per reader")
    args = parser.parse_args()
    readers = [r.strip() for r in args.readers.split(",") if r.strip()]
    unknown = [r for r in readers if r not in TARGETS]
    if unknown:
        parser.error(f"unknown readers {unknown}; known: {', '.join(TARGETS)}")
    per_reader = 1_000 if args.quick else max(1, args.inputs // len(readers))
    # With a time budget, every reader gets an equal share of the jobs' time.
    share = args.seconds * args.jobs / len(readers) if args.seconds else None
    limit = sys.maxsize if share else per_reader
    print(
        f"fuzzing {len(readers)} readers, "
        + (f"{share:.0f} s each" if share else f"{per_reader:,} inputs each")
        + f", {args.jobs} job(s), seed {args.seed}, {os.cpu_count()} cores"
    )
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(
                fuzz_reader, name, limit, share, args.seed, args.findings, args.hang_seconds
            )
            for name in readers
        ]
        reports = [f.result() for f in futures]
    elapsed = time.perf_counter() - started
    header = f"{'reader':<9} {'inputs':>10} {'inputs/s':>9} {'rejected':>9} {'items':>9} "
    print(header + f"{'uncaught':>8} {'hangs':>5} {'corpus':>6}  top reasons")
    for r in reports:
        top = ", ".join(f"{k} {v}" for k, v in r.reasons.most_common(4))
        rate = r.inputs / r.seconds if r.seconds else 0.0
        print(
            f"{r.name:<9} {r.inputs:>10,} {rate:>9,.0f} {r.rejected:>9,} {r.items:>9,} "
            f"{r.uncaught:>8,} {r.hangs:>5,} {r.corpus:>6}  {top}"
        )
        for where, path in r.findings.items():
            print(f"    {where}: {path}")
    total = sum(r.inputs for r in reports)
    uncaught = sum(r.uncaught + r.hangs for r in reports)
    print(
        f"total: {total:,} inputs in {elapsed:,.0f} s ({total / elapsed:,.0f}/s), "
        f"{uncaught} uncaught (target 0)"
    )
    return 1 if uncaught else 0


if __name__ == "__main__":
    sys.exit(main())
