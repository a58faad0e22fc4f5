"""Lint 10 000 policies given as dicts: one `lint` call per policy vs one `lint_many` call.

Run with `bash scripts/test-python.sh && target/python/venv/bin/python bindings/python/bench/bench_lint.py`
(the script builds the wheel into target/python/venv first).
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import sys
import time

import pimlint

REPO = pathlib.Path(__file__).resolve().parents[3]
COUNT = int(os.environ.get("PIMLINT_BENCH_COUNT", "10000"))
ROUNDS = int(os.environ.get("PIMLINT_BENCH_ROUNDS", "5"))


def policies() -> list[dict]:
    """Full 17-rule policies from the shipped examples, each copy with its own ids."""
    seeds = []
    for path in sorted((REPO / "examples").rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        items = doc.get("value", [doc]) if isinstance(doc, dict) else doc
        for item in items:
            policy = item.get("policy", item) if isinstance(item, dict) else None
            if isinstance(policy, dict) and len(policy.get("rules", [])) == 17:
                seeds.append(policy)
    texts = [json.dumps(seed) for seed in seeds]
    out = []
    for i in range(COUNT):
        policy = json.loads(texts[i % len(texts)])
        policy["id"] = f"Directory_{i:08d}-0000-4000-8000-000000000000"
        out.append(policy)
    return out


def best(label: str, run, docs) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        results = run(docs)
        times.append(time.perf_counter() - start)
    findings = sum(len(r) for r in results)
    best_s = min(times)
    print(
        f"{label:<28} best {best_s * 1000:8.1f} ms   median {statistics.median(times) * 1000:8.1f} ms"
        f"   {len(docs) / best_s:10,.0f} policies/s   {findings} findings"
    )
    return best_s


def main() -> None:
    docs = policies()
    size = sum(len(json.dumps(d)) for d in docs)
    print(
        f"pimlint {pimlint.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores: "
        f"{len(docs)} policies as dicts ({size / 1e6:.1f} MB as JSON), best of {ROUNDS}"
    )
    single = best("lint() per policy", lambda d: [pimlint.lint(p) for p in d], docs)
    many = best("lint_many()", pimlint.lint_many, docs)
    texts = [json.dumps(d) for d in docs]
    best("lint_many() on JSON text", pimlint.lint_many, texts)
    print(f"lint_many speed-up over lint(): {single / many:.2f}x")


if __name__ == "__main__":
    main()
