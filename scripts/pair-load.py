#!/usr/bin/env python3
"""Load benchmark of the PAIR simulator (scor-pair), a script and not a timed test.

Starts `scor-pair serve` (release build) on a free loopback port with a fresh data directory, then
CLIENTS concurrent smtplib clients each send LOTS lots over one connection (one transaction per lot).
Each lot is examples/lot.eml with its own Identification, Subject and Message-ID (the
retransmission rule is about the same lot, so every lot differs). Reports acceptance throughput
(lots/s), the latency of each DATA command up to its 250 (which comes after the spool file, its
directory and the SQLite row are fsync'd), p50/p99, then how long the processing (conform engine,
ARL, outbox delivery) took to catch up, and the CPU time the server used per lot (user + system, all
threads: a measure that holds on a machine shared with other work, unlike wall-clock rates).

Usage: scripts/pair-load.py [--clients 50] [--lots 20] [--binary PATH] [--keep DIR]
Loopback only; bounded in count (CLIENTS x LOTS) and time (120 s for processing to finish).
"""

import argparse
import base64
import json
import os
import re
import shutil
import smtplib
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def variants(count):
    """`count` copies of the example lot, each with its own Identification."""
    raw = open(os.path.join(ROOT, "examples", "lot.eml"), "rb").read().decode("ascii")
    identification = re.search(r"^Subject: SCOR (\S+)", raw, re.M).group(1)
    part = re.search(r'(filename="E-[^"]+\.xml"\r\n(?:[^\r\n]+\r\n)*\r\n)([A-Za-z0-9+/=\r\n]+?)(\r\n--)', raw)
    header = base64.b64decode(part.group(2)).decode("utf-8")
    out = []
    for serial in range(1, count + 1):
        new = identification[:-5] + "%05d" % serial
        encoded = base64.encodebytes(header.replace(identification, new).encode()).decode().replace("\n", "\r\n")
        lot = raw[: part.start(2)] + encoded.rstrip("\r\n") + raw[part.end(2):]
        out.append(lot.replace(identification, new).encode("ascii"))
    return out


def client(address, lots, latencies, errors):
    try:
        with smtplib.SMTP(address[0], address[1], timeout=60) as smtp:
            smtp.ehlo("load.example.test")
            for lot in lots:
                smtp.mail("cabinet.exemple@example.test")
                smtp.rcpt("01.751@01.scor.rss.fr")
                start = time.perf_counter()
                code, reply = smtp.data(lot)
                latencies.append(time.perf_counter() - start)
                if code != 250:
                    errors.append("%d %s" % (code, reply))
    except Exception as error:  # noqa: BLE001 - reported, the run goes on
        errors.append(repr(error))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cpu_seconds(pid):
    """User + system CPU time of process `pid` so far (all its threads), from /proc; None elsewhere."""
    try:
        fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def finished(data):
    """Messages delivered or failed, read from the store (cheap enough to poll every few ms)."""
    try:
        with sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "pair.sqlite"), uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM message WHERE state IN ('delivered', 'failed')").fetchone()[0]
    except sqlite3.Error:
        return 0


def status(binary, data):
    out = subprocess.run([binary, "status", "--data", data, "--json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--lots", type=int, default=20)
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "scor-pair"))
    parser.add_argument("--keep", help="data directory to use and keep (default: a temporary one)")
    args = parser.parse_args()
    if not os.environ.get("NO_BUILD"):
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "scor-pair"], cwd=ROOT, check=True)
    data = args.keep or tempfile.mkdtemp(prefix="pair-load-")
    total = args.clients * args.lots
    lots = variants(total)
    server = subprocess.Popen([args.binary, "serve", "--listen", "127.0.0.1:0", "--data", data],
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        host, port = re.search(r"listening on (\S+):(\d+)", line).groups()
        latencies, errors, threads = [], [], []
        start = time.perf_counter()
        for c in range(args.clients):
            mine = lots[c * args.lots:(c + 1) * args.lots]
            threads.append(threading.Thread(target=client, args=((host, int(port)), mine, latencies, errors)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        accepted = time.perf_counter() - start
        deadline = time.time() + 120
        while time.time() < deadline and finished(data) < total:
            time.sleep(0.02)
        processed = time.perf_counter() - start
        cpu = cpu_seconds(server.pid)
        lots_status = status(args.binary, data)["lots"]
    finally:
        server.terminate()
        server.wait()
    print("scor-pair load: %d clients x %d lots = %d lots, loopback, fsync on (%d CPUs)"
          % (args.clients, args.lots, total, os.cpu_count()))
    print("acceptance: %d x 250 in %.2f s = %.0f lots/s; errors: %d" %
          (len(latencies) - len(errors), accepted, total / accepted, len(errors)))
    if latencies:
        print("DATA to 250 latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
            1000 * percentile(latencies, 50), 1000 * percentile(latencies, 99), 1000 * max(latencies)))
    delivered = sum(m["state"] == "delivered" for m in lots_status)
    print("processing (conform + ARL + outbox): %d delivered after %.2f s = %.0f lots/s" %
          (delivered, processed, delivered / processed))
    if cpu is not None:
        print("server CPU (user + system, all threads): %.2f s = %.1f ms per lot; load average %s" %
              (cpu, 1000 * cpu / total, " ".join("%.2f" % x for x in os.getloadavg())))
    for error in errors[:5]:
        print("error:", error)
    if not args.keep:
        shutil.rmtree(data, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
