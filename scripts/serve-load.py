#!/usr/bin/env python3
"""Load benchmark of `scor serve` (not a test): lots per second and p50/p99 latency of POST /v1/lots with
the example lot over loopback for 2, 8 and 32 clients, next to the in-process throughput of
`scor conform` on a folder of the same lot (all cores, no HTTP). Prints a table; the target is at least
80% of the in-process throughput at 8 clients.

    python3 scripts/serve-load.py [--scor target/release/scor] [--seconds 10] [--lots 400]
"""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def in_process(scor, eml, lots):
    """Lots per second of `scor conform` over a folder of `lots` copies of the example message."""
    with tempfile.TemporaryDirectory() as folder:
        for i in range(lots):
            shutil.copy(eml, os.path.join(folder, f"lot-{i:04}.eml"))
        started = time.perf_counter()
        run = subprocess.run([scor, "conform", folder, "--format", "json"], stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"scor conform exited {run.returncode}")
    return lots / elapsed


def client(host, port, body, deadline, latencies, errors):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        connection.request("POST", "/v1/lots", body=body, headers={"Content-Type": "message/rfc822"})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            latencies.append(time.perf_counter() - started)
        else:
            errors.append(response.status)
    connection.close()


def load(host, port, body, clients, seconds):
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(host, port, body, deadline, latencies, errors))
               for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scor", default=os.path.join(ROOT, "target/release/scor"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--lots", type=int, default=400)
    parser.add_argument("--port", type=int, default=18080)
    args = parser.parse_args()
    eml = os.path.join(ROOT, "examples/lot.eml")
    body = open(eml, "rb").read()
    reference = in_process(args.scor, eml, args.lots)
    print(f"in-process `scor conform` on {args.lots} lots: {reference:.1f} lots/s  ({os.cpu_count()} cores)")
    server = subprocess.Popen([args.scor, "serve", "--listen", f"127.0.0.1:{args.port}", "--queue", "64"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        server.stdout.readline()
        print(f"{'clients':>7} {'lots/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of in-process':>14} {'not 200':>8}")
        for clients in (2, 8, 32):
            rate, p50, p99, errors = load("127.0.0.1", args.port, body, clients, args.seconds)
            print(f"{clients:>7} {rate:>8.1f} {p50 * 1000:>8.1f} {p99 * 1000:>8.1f} {rate / reference:>13.0%} {len(errors):>8}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
