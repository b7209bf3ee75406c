#!/usr/bin/env python3
"""Hostile SMTP input against the PAIR simulator (scor-pair): reply, time to handle, peak RSS.

For each case, starts a release `scor-pair serve` under GNU time (`/usr/bin/time -v`) on a free
loopback port with a fresh data directory, sends the case over a raw socket (bytes exactly as
written, no line-end fixing), records the reply and the time from the last byte of the hostile input
to the end of the reply, then stops the server with SIGTERM and reads its peak RSS ("Maximum resident
set size") from GNU time. Each case then checks what was stored (`scor-pair status --json`, the
postmaster/ folder) and that nothing was written outside the data directory. Prints a Markdown table.

Usage: scripts/hostile-smtp.py [--binary PATH] [--repeat 5]
Needs GNU time (apt-get install time); fails when it is missing. Loopback only, standard library only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUTE = b"01.751@01.scor.rss.fr"
HELLO = b"EHLO lps.test\r\nMAIL FROM:<lps@cabinet.test>\r\nRCPT TO:<" + ROUTE + b">\r\nDATA\r\n"
SMUGGLED = (b"MAIL FROM:<smuggled@evil.test>\r\nRCPT TO:<" + ROUTE + b">\r\nDATA\r\n"
            b"Subject: second\r\n\r\nsmuggled\r\n.\r\n")


class Client:
    """A raw SMTP client: bytes as given, replies read whole."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=60)
        self.buffer = b""
        self.reply()

    def line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def reply(self):
        lines = [self.line()]
        while lines[-1][3:4] == "-":
            lines.append(self.line())
        return "\n".join(lines)

    def say(self, data):
        self.sock.sendall(data)
        return self.reply()

    def timed(self, data):
        """Sends `data`, reads one reply: (reply, seconds from the last byte sent to the reply)."""
        self.sock.sendall(data)
        start = time.perf_counter()
        reply = self.reply()
        return reply, time.perf_counter() - start


def hostile_sender(c):
    c.say(b"EHLO lps.test\r\n")
    return c.timed(b"MAIL FROM:<..>\r\n")


def nul_sender(c):
    c.say(b"EHLO lps.test\r\n")
    return c.timed(b"MAIL FROM:<a\x00b@b.test>\r\n")


def smuggling(sequence):
    def case(c):
        for reply in [c.say(line + b"\r\n") for line in HELLO.split(b"\r\n")[:-1]]:
            assert reply[:1] in "23", reply
        return c.timed(b"Subject: first\r\n\r\nfirst" + sequence + SMUGGLED)
    return case


def postmaster(c):
    c.say(b"EHLO lps.test\r\n")
    c.say(b"MAIL FROM:<lps@cabinet.test>\r\n")
    return c.timed(b"RCPT TO:<postmaster>\r\n")


def open_relay(c):
    c.say(b"EHLO lps.test\r\n")
    c.say(b"MAIL FROM:<lps@cabinet.test>\r\n")
    return c.timed(b"RCPT TO:<victim@example.com>\r\n")


def oversize(c):
    ehlo = c.say(b"EHLO lps.test\r\n")
    limit = int(re.search(r"SIZE (\d+)", ehlo).group(1))
    c.say(b"MAIL FROM:<lps@cabinet.test>\r\n")
    c.say(b"RCPT TO:<" + ROUTE + b">\r\n")
    c.say(b"DATA\r\n")
    line = b"A" * 998 + b"\r\n"
    body = line * (limit // len(line) + 1024)  # about 1 MB over the limit
    start = time.perf_counter()
    c.sock.sendall(body)
    reply, after_last_byte = c.timed(b".\r\n")
    return reply, after_last_byte, time.perf_counter() - start, len(body)


CASES = [
    ("hostile MAIL FROM:<..>", hostile_sender, "nothing stored"),
    ("MAIL FROM with a NUL", nul_sender, "nothing stored"),
    ("smuggling <LF>.<LF>", smuggling(b"\n.\n"), "nothing stored"),
    ("smuggling <CR><LF>.<LF>", smuggling(b"\r\n.\n"), "nothing stored"),
    ("smuggling <LF>.<CR><LF>", smuggling(b"\n.\r\n"), "nothing stored"),
    ("RCPT TO:<postmaster>", postmaster, "accepted"),
    ("open relay RCPT TO:<victim@example.com>", open_relay, "nothing stored"),
    ("oversize message (552 during DATA)", oversize, "nothing stored"),
]


def child_pid(pid):
    with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
        return int(f.read().split()[0])


def run(binary, case):
    """One case on its own server: (reply, seconds, peak RSS in kB, extra, stored lots)."""
    base = tempfile.mkdtemp(prefix="hostile-smtp-")
    data = os.path.join(base, "data")
    server = subprocess.Popen(["/usr/bin/time", "-v", binary, "serve", "--listen", "127.0.0.1:0", "--data", data],
                              stderr=subprocess.PIPE, text=True)
    try:
        host, port = re.search(r"listening on (\S+):(\d+)", server.stderr.readline()).groups()
        client = Client((host, int(port)))
        result = case(client)
        client.sock.close()
        os.kill(child_pid(server.pid), signal.SIGTERM)
        report = server.stderr.read()
        server.wait()
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
        lots = json.loads(subprocess.run([binary, "status", "--data", data, "--json"], capture_output=True,
                                         check=True).stdout)["lots"]
        outside = [e for e in os.listdir(base) if e != "data"]
        assert not outside, "written outside the data directory: %r" % outside
        return result, rss, lots
    finally:
        if server.poll() is None:
            server.kill()
        shutil.rmtree(base, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "scor-pair"))
    parser.add_argument("--repeat", type=int, default=5, help="runs of each case (median time, max RSS)")
    args = parser.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("GNU time is missing (/usr/bin/time): apt-get install time")
    if not os.environ.get("NO_BUILD"):
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "scor-pair"], cwd=ROOT, check=True)
    print("| case | reply | time to handle (median of %d) | peak RSS of the server (max) | stored |" % args.repeat)
    print("|---|---|---:|---:|---|")
    failed = False
    for name, case, expected in CASES:
        times, rsss, replies, notes = [], [], set(), ""
        for _ in range(args.repeat):
            result, rss, lots = run(args.binary, case)
            reply, seconds = result[0], result[1]
            if len(result) == 4:
                notes = " (%.1f MB sent in %.0f ms)" % (result[3] / 1e6, 1000 * result[2])
            replies.add(reply)
            times.append(seconds)
            rsss.append(rss)
            stored = "nothing stored" if not lots else "%d lot(s) stored" % len(lots)
            if expected == "nothing stored" and lots:
                failed = True
        shown = " / ".join(sorted(replies)).replace("|", "\\|")
        print("| %s | `%s` | %.2f ms%s | %d kB | %s |" % (
            name, shown, 1000 * statistics.median(times), notes, max(rsss), stored))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
