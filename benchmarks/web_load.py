"""A bounded local load run against ``factcheck serve``: a figure, not an assertion.

Starts the app with uvicorn in a child process on 127.0.0.1 (a free port), sends ``--requests``
requests (default 500) with ``--concurrency`` in flight (default 16), mostly ``POST /api/check``
with short drafts, some ``GET /api/reference`` and ``GET /health``, then prints latency
percentiles per endpoint, the throughput and the error count, and stops the server. The same
draft must get the same answer every time: an input answered differently under load counts as
an error (checks run in several worker processes at once).

    python benchmarks/web_load.py [--requests 500] [--concurrency 16] [--deadline 300]

Traffic goes to 127.0.0.1 only. The run is bounded by ``--requests`` and by ``--deadline``
seconds; requests still unanswered at the deadline count as errors. Exit status: 0 when every
request succeeded, 1 otherwise (no latency is asserted).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import httpx

# Short drafts in our own words, shaped like wire copy about MOF releases.
DRAFTS = (
    "TOKYO, April 17, 2025 - Japan's exports rose 3.9% in March from a year earlier to "
    "9.8 trillion yen, while imports grew 2% to 9.3 trillion yen, leaving a surplus of "
    "544.1 billion yen.",
    "Japan logged a trade deficit of 5.2 trillion yen in fiscal 2024, the fourth consecutive "
    "year of deficits. The surplus with the United States fell 1.3% to 9 trillion yen.",
    "Exports to China increased 3.2% in March, and imports increased 4.1%. Shipments to the "
    "United States rose 3.1%.",
    "The weather in Tokyo was mild on Thursday and no figures were released.",
)
REFERENCE_QUERIES = (
    {"flow": "balance", "partner": "United States", "period": "FY2024", "as_of": "2025-04-20"},
    {"flow": "exports", "partner": "World", "period": "2025-03"},
)


@dataclass(frozen=True)
class Result:
    endpoint: str
    seconds: float
    status: int | None  # None: no answer (connection error or deadline)
    key: str = ""  # which draft or query was sent
    digest: str = ""  # a hash of the answer: the same draft must get the same answer


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "uvicorn", "--factory", "extractor.web:create_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer /health in time")


def plan(n: int) -> list[tuple[str, dict[str, Any]]]:
    """``n`` requests: 8 in 10 checks, 1 reference query, 1 health probe, in a fixed order."""
    out: list[tuple[str, dict[str, Any]]] = []
    for i in range(n):
        slot = i % 10
        if slot == 8:
            out.append(("GET /api/reference", {"params": REFERENCE_QUERIES[i % 2]}))
        elif slot == 9:
            out.append(("GET /health", {}))
        else:
            out.append(("POST /api/check", {"json": {"text": DRAFTS[i % len(DRAFTS)]}}))
    return out


async def one(client: httpx.AsyncClient, endpoint: str, kw: dict[str, Any]) -> Result:
    method, path = endpoint.split(" ", 1)
    t0 = time.perf_counter()
    try:
        r = await client.request(method, path, **kw)
        status: int | None = r.status_code
        digest = hashlib.sha256(r.content).hexdigest()
    except httpx.HTTPError:
        status, digest = None, ""
    key = json.dumps(kw, sort_keys=True)
    return Result(endpoint, time.perf_counter() - t0, status, key, digest)


async def load(base: str, n: int, concurrency: int, deadline: float) -> tuple[list[Result], float]:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=deadline) as client:

        async def bounded(endpoint: str, kw: dict[str, Any]) -> Result:
            async with gate:
                return await one(client, endpoint, kw)

        tasks = [asyncio.ensure_future(bounded(e, kw)) for e, kw in plan(n)]
        t0 = time.perf_counter()
        done, pending = await asyncio.wait(tasks, timeout=deadline)
        elapsed = time.perf_counter() - t0
        for t in pending:
            t.cancel()
        results = [t.result() for t in done]
        results += [Result("(unfinished at deadline)", deadline, None) for _ in pending]
    return results, elapsed


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, round(q / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def summarise(results: list[Result], elapsed: float) -> dict[str, Any]:
    by: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by[r.endpoint].append(r)
    endpoints = {}
    for endpoint, rs in sorted(by.items()):
        ms = sorted(r.seconds * 1000 for r in rs)
        endpoints[endpoint] = {
            "requests": len(rs),
            "errors": sum(1 for r in rs if r.status is None or r.status >= 400),
            "p50_ms": percentile(ms, 50),
            "p90_ms": percentile(ms, 90),
            "p99_ms": percentile(ms, 99),
            "max_ms": ms[-1],
            "mean_ms": statistics.fmean(ms),
        }
    answers: dict[str, set[str]] = defaultdict(set)
    for r in results:
        if r.status == 200 and r.endpoint != "GET /health":
            answers[r.key].add(r.digest)
    inconsistent = sum(1 for digests in answers.values() if len(digests) > 1)
    errors = sum(e["errors"] for e in endpoints.values())
    return {
        "requests": len(results),
        "errors": errors + inconsistent,
        "inconsistent_inputs": inconsistent,
        "seconds": elapsed,
        "requests_per_s": len(results) / elapsed if elapsed else float("nan"),
        "endpoints": endpoints,
    }


def print_summary(s: dict[str, Any], concurrency: int) -> None:
    print(
        f"{s['requests']} requests, {concurrency} concurrent, {s['seconds']:.1f} s, "
        f"{s['requests_per_s']:.1f} req/s, {s['errors']} errors "
        f"({s['inconsistent_inputs']} inputs answered differently under load)"
    )
    print(
        f"{'endpoint':24} {'n':>5} {'err':>4} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    for name, e in s["endpoints"].items():
        print(
            f"{name:24} {e['requests']:5d} {e['errors']:4d} {e['p50_ms']:8.1f} "
            f"{e['p90_ms']:8.1f} {e['p99_ms']:8.1f} {e['max_ms']:8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--deadline", type=float, default=300.0, help="seconds for the whole run")
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not (0 < args.requests <= 100_000 and 0 < args.concurrency <= 256):
        ap.error("--requests must be 1..100000 and --concurrency 1..256")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(port)
    try:
        wait_ready(base, proc)
        # one warm-up check so the first request does not carry spaCy's and the store's load
        httpx.post(base + "/api/check", json={"text": DRAFTS[0]}, timeout=120)
        results, elapsed = asyncio.run(load(base, args.requests, args.concurrency, args.deadline))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    summary = summarise(results, elapsed)
    summary.update(concurrency=args.concurrency, cpu_count=os.cpu_count())
    print_summary(summary, args.concurrency)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, indent=2)
    return 0 if summary["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
