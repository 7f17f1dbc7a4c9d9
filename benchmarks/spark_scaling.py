"""Spark audit engine vs the local engine on one corpus: documents/s, speed-up, driver memory.

The corpus (JSONL, default 100,000 documents) is built from the 250 professional French
articles of ../shared/bench-data/french-news-clean: document k is article k mod 250 with a few
words replaced (seeded by k), so every document is distinct and costs what a real article
costs. Each configuration runs in its own process so that peak memory is its own:

- local:    `run_audit` (one process, one core)
- spark-1:  `run_audit_spark` on local[1]
- spark-2:  `run_audit_spark` on local[2]
- spark-2 on 1/16 and 1/4 of the corpus, to show whether the driver's memory grows with it

Each run prints its line as soon as it ends (with the load average of the machine and the CPU
seconds of the whole process tree: driver, JVM, Python workers), so a long run that is stopped
still leaves its figures.

Figures are per-document stages and outputs (extraction, language, every detector, findings/
documents/rejections files): `--provenance` adds links and stories, which embed every title
(~12 documents/s per core) and are only practical on `--quick` corpora. Driver memory is the
peak RSS of the Python driver (getrusage) and of the Spark JVM (VmHWM; in local mode the JVM
also runs the executors). The machine is shared: figures are indicative.

    .venv/bin/python benchmarks/spark_scaling.py            # 100,000 documents
    .venv/bin/python benchmarks/spark_scaling.py --quick    # 4,000 documents
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "bench-data" / "french-news-clean" / "articles_fr.jsonl"
TARGET_SHARE = 0.70  # issue 7: Spark on 2 local cores reaches 70% of the local engine


def build_corpus(path: Path, n: int) -> None:
    rows = [json.loads(x) for x in ARTICLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            a = rows[k % len(rows)]
            rng = random.Random(k)
            words = f"{a['abstract']}\n\n{a['article']}".split(" ")
            for _ in range(3):
                i = rng.randrange(len(words))
                words[i] = rng.choice(words)
            record = {
                "url": f"https://bench.example/{k}",
                "title": a["title"],
                "text": " ".join(words),
                "published": a["date"],
                "language": "fr",
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree_cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its descendants, from /proc: the Spark
    JVM and its Python workers included (and the children they reaped)."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    total, stack = 0.0, [os.getpid()]
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
        for task in tasks:
            with contextlib.suppress(OSError):
                stack += [int(x) for x in (task / "children").read_text().split()]
    return total


def _jvm_peak_kib() -> int | None:
    """Peak RSS of this process's child JVM (the Spark driver), from /proc."""
    import os

    pid = os.getpid()
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    peak = 0
    for child in children:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        if "java" not in Path(f"/proc/{child}/cmdline").read_text(errors="replace"):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak or None


def worker(engine: str, corpus: str, out: str, provenance: bool) -> None:
    """One measured run in this process; prints one JSON line."""
    from newsdesk.config import Settings

    now = datetime(2025, 1, 1, tzinfo=UTC)
    settings = Settings()
    jvm = None
    cpu = _tree_cpu_seconds()
    start = time.perf_counter()
    if engine == "local":
        from newsdesk.audit.runner import run_audit

        result = run_audit(
            [corpus], Path(out), settings, now=now, formats=("jsonl",), provenance=provenance
        )
        elapsed = time.perf_counter() - start
        cpu = _tree_cpu_seconds() - cpu
    else:
        from newsdesk.audit.spark import run_audit_spark
        from newsdesk.audit.spark.session import spark_session

        cores = int(engine.split("-")[1])
        session = spark_session(f"local[{cores}]", 2 * cores)
        cpu = _tree_cpu_seconds()
        start = time.perf_counter()  # session start-up (~20 s here) is not corpus work
        result = run_audit_spark(
            [corpus],
            Path(out),
            settings,
            now=now,
            formats=("jsonl",),
            provenance=provenance,
            master=f"local[{cores}]",
            partitions=4 * cores,
        )
        elapsed = time.perf_counter() - start
        cpu = _tree_cpu_seconds() - cpu
        jvm = _jvm_peak_kib()
        session.stop()
    print(
        json.dumps(
            {
                "engine": engine,
                "documents": result.documents,
                "findings": result.findings,
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "driver_python_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "driver_jvm_mib": None if jvm is None else jvm / 1024,
            }
        )
    )


def measure(engine: str, corpus: Path, out: Path, provenance: bool) -> dict[str, Any]:
    """One run in a fresh process; prints its figures at once (a long benchmark that is
    stopped keeps what it measured)."""
    import os

    cmd = [sys.executable, __file__, "--worker", engine, str(corpus), str(out)]
    if provenance:
        cmd.append("--provenance")
    load_before = os.getloadavg()[0]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-3000:]}")
    run = json.loads(done.stdout.strip().splitlines()[-1])
    run["load"] = (load_before, os.getloadavg()[0])
    rate = run["documents"] / run["seconds"]
    print(
        f"  {engine:<8} {run['documents']:>7} docs {run['seconds']:8.1f} s {rate:7.1f} docs/s"
        f"  cpu {run['cpu_seconds']:7.1f} s ({run['documents'] / run['cpu_seconds']:.1f} docs/cpu-s)"
        f"  py {_mib(run['driver_python_mib'])} JVM {_mib(run['driver_jvm_mib'])}"
        f"  load {load_before:.1f}->{run['load'][1]:.1f}",
        flush=True,
    )
    shutil.rmtree(out, ignore_errors=True)
    return run


def _mib(value: object) -> str:
    return "-" if value is None else f"{value:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="4,000 documents")
    parser.add_argument("--documents", type=int, default=None)
    parser.add_argument("--provenance", action="store_true", help="links and stories too")
    parser.add_argument("--worker", nargs=3, metavar=("ENGINE", "CORPUS", "OUT"))
    args = parser.parse_args()
    if args.worker:
        engine, corpus, out = args.worker
        worker(engine, corpus, out, provenance=args.provenance)
        return
    n = args.documents or (4_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="newsdesk-spark-bench-") as tmp:
        tmp_path = Path(tmp)
        big = tmp_path / "corpus.jsonl"
        build_corpus(big, n)
        print(
            f"corpus: {n} documents ({big.stat().st_size / 1e6:.0f} MB JSONL), built from {ARTICLES.name}"
        )
        print("machine: 2 cores shared with other jobs; figures are indicative\n", flush=True)
        runs = {}
        for engine in ("local", "spark-1", "spark-2"):
            runs[engine] = measure(engine, big, tmp_path / engine, args.provenance)
        sizes = {}
        for part in (16, 4):
            small = tmp_path / f"part{part}.jsonl"
            build_corpus(small, n // part)
            sizes[n // part] = measure("spark-2", small, tmp_path / f"part{part}", args.provenance)
        sizes[n] = runs["spark-2"]
        print()
        base = runs["local"]["documents"] / runs["local"]["seconds"]
        print(
            f"{'engine':<10}{'documents':>10}{'seconds':>10}{'docs/s':>10}{'vs local':>10}"
            f"{'cpu s':>9}{'py MiB':>9}{'JVM MiB':>9}{'load':>11}"
        )
        for name, r in runs.items():
            rate = r["documents"] / r["seconds"]
            jvm = r["driver_jvm_mib"]
            print(
                f"{name:<10}{r['documents']:>10}{r['seconds']:>10.1f}{rate:>10.1f}{rate / base:>10.2f}"
                f"{r['cpu_seconds']:>9.1f}{r['driver_python_mib']:>9.0f}"
                f"{'-' if jvm is None else f'{jvm:.0f}':>9}"
                f"{r['load'][0]:>5.1f}->{r['load'][1]:<4.1f}"
            )
        s1 = runs["spark-1"]["documents"] / runs["spark-1"]["seconds"]
        s2 = runs["spark-2"]["documents"] / runs["spark-2"]["seconds"]
        print(f"\nspeed-up spark 2 cores / 1 core: {s2 / s1:.2f}x")
        verdict = "meets" if s2 / base >= TARGET_SHARE else "misses"
        print(
            f"spark 2 cores = {s2 / base:.0%} of the local engine ({verdict} the {TARGET_SHARE:.0%} target)"
        )
        print(
            "driver peak memory, spark 2 cores (python / JVM, which in local mode also runs the executors):"
        )
        for size, r in sorted(sizes.items()):
            print(
                f"  {size:>7} documents: python {_mib(r['driver_python_mib'])} / JVM "
                f"{_mib(r['driver_jvm_mib'])}"
            )
        same = all(runs[e]["findings"] == runs["local"]["findings"] for e in ("spark-1", "spark-2"))
        print(f"same findings count in every engine: {same}")


if __name__ == "__main__":
    main()
