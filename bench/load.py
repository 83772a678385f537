"""A small HTTP load generator (asyncio, one process): N clients, each sending one request after the
other for a fixed time, a new connection per request (gunicorn's sync workers close every
connection). Cheap per request, so on a 2-core machine it takes less CPU from the servers than a
thread per client would; it takes some all the same, and equally for every endpoint measured, which
is why the benches report ratios to a bare endpoint measured the same way in the same run."""

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def request_bytes(method: str, path: str, headers: dict | None = None, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method in ("POST", "PATCH", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _one(port: int, raw: bytes) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        data = await reader.read()  # to EOF: the request asked the server to close
    finally:
        writer.close()
    return int(data[9:12]) if data[:5] == b"HTTP/" else 0


async def _hammer(port: int, make_request, clients: int, seconds: float, expect: int):
    latencies: list[float] = []
    failures = [0]
    stop = time.perf_counter() + seconds

    async def client(n: int):
        i = 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                status = await _one(port, make_request(n, i))
            except OSError:
                status = 0
            if status == expect:
                latencies.append(time.perf_counter() - started)
            else:
                failures[0] += 1
            i += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, failures[0], time.perf_counter() - started


def hammer(port: int, make_request, clients: int = 20, seconds: float = 5.0, expect: int = 200) -> dict:
    """make_request(client, i) -> the raw request; returns throughput, latency and failures."""
    latencies, failures, elapsed = asyncio.run(_hammer(port, make_request, clients, seconds, expect))
    return {
        "per_second": round(len(latencies) / elapsed, 1),
        "latency_ms": stats_ms(latencies),
        "requests": len(latencies),
        "failures": failures,
    }


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def stats_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {}
    return {
        "p50": round(percentile(ms, 50), 2),
        "p99": round(percentile(ms, 99), 2),
        "mean": round(statistics.fmean(ms), 2),
        "samples": len(ms),
    }


def serve(target: str, port: int, env: dict, probe: str = "/", threads: int = 1) -> subprocess.Popen:
    """gunicorn -w 2 serving target on 127.0.0.1:port, once it answers: sync workers, or with
    threads > 1 gthread workers of that many threads each (as deploy/gunicorn.conf.py can)."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    workers = ["-k", "gthread", "--threads", str(threads)] if threads > 1 else []
    process = subprocess.Popen(
        [gunicorn, "-w", "2", *workers, "-b", f"127.0.0.1:{port}", "--log-level", "warning", target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}{probe}", timeout=5)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn {target} did not start: {process.stderr.read().decode()[-2000:]}")


def stop(*processes) -> None:
    for process in processes:
        if process is None:
            continue
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
