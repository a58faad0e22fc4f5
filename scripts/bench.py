#!/usr/bin/env python3
"""Whole-process benchmarks of `pimlint check` on a synthetic export, side by side with bare
serde_json parses of the same file (into `Value`, and into `IgnoredAny`: the floor) and with
the Rego peer (six of pimlint's checks in Rego, run by the regorus crate; its counts are
cross-checked against pimlint's first), as ratios to all three, plus thread scaling and peak
memory at two export sizes. Run with `python3 scripts/bench.py` (it builds what it needs); the
table is also written to target/bench/report.md.

The CLI is measured twice: as `cargo build --profile dist` builds it, and as
`scripts/dist-pgo.sh` builds it with profile-guided optimization (trained on the repository's
examples and fixtures, never on the synthetic export).

Environment: PIMLINT_BENCH_COUNT (default 100000 policies), PIMLINT_BENCH_MILLION=1 to add
the 1 000 000-policy memory run (about 10 GB of NDJSON in target/bench), PIMLINT_BENCH_ROUNDS
(default 5: each round runs every command once, in turn; each figure is its best round), and
PIMLINT_BENCH_PGO=0 to leave out the profile-guided build (it takes two more `dist` builds).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
# Built with the `dist` profile (full LTO), as for distribution.
BIN = REPO / "target" / "dist"
OUT = REPO / "target" / "bench"
COUNT = int(os.environ.get("PIMLINT_BENCH_COUNT", "100000"))
ROUNDS = int(os.environ.get("PIMLINT_BENCH_ROUNDS", "5"))


def export(count: int) -> pathlib.Path:
    path = OUT / f"export-{count}.ndjson"
    if not path.exists():
        print(f"generating {count} policies into {path} …", flush=True)
        subprocess.run([str(BIN / "gen-export"), str(count), str(path)], check=True)
    return path


def measure(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(rows: list[tuple[str, list[str]]], rounds: int) -> list[tuple[str, float, float]]:
    """Each command's best wall time and largest peak over `rounds` rounds, every round running
    each command once in turn, so that a machine whose speed drifts slows all of them alike."""
    walls: dict[str, float] = {}
    peaks: dict[str, float] = {}
    for _ in range(rounds):
        for label, args in rows:
            wall, peak = measure(args)
            walls[label] = min(walls.get(label, wall), wall)
            peaks[label] = max(peaks.get(label, peak), peak)
    return [(label, walls[label], peaks[label]) for label, _ in rows]


def main() -> None:
    subprocess.run(
        ["cargo", "build", "--profile", "dist", "--locked", "-q", "-p", "pimlint-cli", "-p", "pimlint-bench",
         "--features", "pimlint-bench/rego"],
        check=True, cwd=REPO,
    )
    pgo = os.environ.get("PIMLINT_BENCH_PGO", "1") != "0"
    if pgo:
        subprocess.run(["bash", "scripts/dist-pgo.sh"], check=True, cwd=REPO)
    OUT.mkdir(parents=True, exist_ok=True)
    path = export(COUNT)
    rego_peer = str(BIN / "rego-peer")
    # The peer is only a fair comparison if it finds what pimlint finds.
    subprocess.run([rego_peer, "--cross-check", str(path)], check=True)
    size_mb = path.stat().st_size / 1e6
    cores = os.cpu_count()
    print(f"\n{COUNT} policies, {size_mb:.0f} MB of NDJSON ({path.name}), {cores} cores, best of {ROUNDS} interleaved rounds\n")
    pimlint = str(BIN / "pimlint")
    pgo_bin = str(REPO / "target" / "pgo" / "pimlint")
    pgo_rows = [
        ("pimlint check, 1 thread, PGO build", [pgo_bin, "check", "--threads", "1", str(path)]),
        ("pimlint check, 2 threads, PGO build", [pgo_bin, "check", "--threads", "2", str(path)]),
    ] if pgo else []
    rows = [
        ("serde_json → IgnoredAny (floor), 1 thread", [str(BIN / "parse-floor"), "ignored", str(path)]),
        ("serde_json → Value, 1 thread", [str(BIN / "parse-floor"), "value", str(path)]),
        ("pimlint check, 1 thread", [pimlint, "check", "--threads", "1", str(path)]),
        ("pimlint check, 2 threads", [pimlint, "check", "--threads", "2", str(path)]),
        *pgo_rows,
        ("pimlint check --statistics, 1 thread", [pimlint, "check", "--statistics", "--threads", "1", str(path)]),
        ("pimlint check --statistics, 2 threads", [pimlint, "check", "--statistics", "--threads", "2", str(path)]),
        ("pimlint check --statistics --no-schema, 2 threads", [pimlint, "check", "--statistics", "--no-schema", "--threads", "2", str(path)]),
        ("pimlint check --format json-lines, 2 threads", [pimlint, "check", "--format", "json-lines", "--threads", "2", str(path)]),
        ("Rego peer (regorus VM, six checks), 1 thread", [rego_peer, str(path)]),
    ]
    results = interleaved(rows, ROUNDS)
    value_wall = next(w for label, w, _ in results if "→ Value" in label)
    floor_wall = next(w for label, w, _ in results if "(floor)" in label)
    rego_wall = next(w for label, w, _ in results if label.startswith("Rego peer"))
    single = next(w for label, w, _ in results if label.endswith("--statistics, 1 thread"))
    double = next(w for label, w, _ in results if label.endswith("--statistics, 2 threads"))
    header = (
        f"{'command':<48} {'wall s':>8} {'policies/s':>12} {'MB/s':>8} {'peak MB':>9}"
        f" {'× floor':>8} {'× Value':>8} {'× Rego':>8}"
    )
    print(header)
    table = [
        f"{COUNT} policies, {size_mb:.0f} MB of NDJSON, {cores} cores, best of {ROUNDS} rounds that run each command in turn",
        "",
        "| command | wall s | policies/s | MB/s | peak MB | × floor | × Value parse | × Rego |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, wall, peak in results:
        rate = COUNT / wall
        print(
            f"{label:<48} {wall:>8.2f} {rate:>12,.0f} {size_mb / wall:>8.1f} {peak:>9.1f}"
            f" {wall / floor_wall:>7.2f}× {wall / value_wall:>7.2f}× {wall / rego_wall:>7.2f}×"
        )
        table.append(
            f"| `{label}` | {wall:.2f} | {rate:,.0f} | {size_mb / wall:.1f} | {peak:.1f}"
            f" | {wall / floor_wall:.2f}× | {wall / value_wall:.2f}× | {wall / rego_wall:.2f}× |"
        )
    scaling = single / double
    print(f"{'  scaling 1 → 2 threads (--statistics)':<48} {scaling:>8.2f}×")
    table += ["", f"Scaling from 1 to 2 threads (`--statistics`): {scaling:.2f}×."]
    report = OUT / "report.md"
    report.write_text("# pimlint benchmark\n\n" + "\n".join(table) + "\n")
    print(f"\nwritten to {report.relative_to(REPO)}")

    print("\npeak memory by export size (pimlint check --statistics, 2 threads)")
    sizes = sorted({10_000, COUNT})
    if os.environ.get("PIMLINT_BENCH_MILLION") == "1":
        sizes.append(1_000_000)
    for count in sizes:
        wall, peak = measure([pimlint, "check", "--statistics", str(export(count))])
        print(f"  {count:>9,} policies: {peak:8.1f} MB peak, {wall:7.2f} s")


if __name__ == "__main__":
    main()
