"""scor serve called by HTTP clients not written here (requests and httpx): every endpoint, every
status code, an oversize body (413, with the server's memory bounded), malformed multipart, a slow
client (408), and 200 concurrent requests. Usage: http_clients.py CONFIG.json (see serve_clients.rs)."""

import asyncio
import io
import json
import os
import socket
import sys
import tarfile
import threading
import time

import httpx
import requests

CONFIG = json.load(open(sys.argv[1]))
MAIN, NFE, BUSY, SLOW = CONFIG["main"], CONFIG["nfe"], CONFIG["busy"], CONFIG["slow"]
failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


def folder_files(path):
    return [("files", (name, open(os.path.join(path, name), "rb").read())) for name in sorted(os.listdir(path))]


def tar_of(path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in sorted(os.listdir(path)):
            archive.add(os.path.join(path, name), arcname=name)
    return buffer.getvalue()


def rss_peak_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# --- GET endpoints ---------------------------------------------------------------------------
r = requests.get(MAIN + "/health")
check("GET /health is 200 ok", r.status_code == 200 and r.json()["status"] == "ok", r.text)
versions = r.json()["dictionaries"]
r = httpx.get(MAIN + "/v1/openapi.json")
committed = json.load(open(CONFIG["openapi"]))
check("GET /v1/openapi.json is the committed document", r.status_code == 200 and r.json() == committed)
check("the OpenAPI document lists every path", set(committed["paths"]) >= {"/v1/lots", "/v1/pj", "/v1/arl", "/health"})
r = requests.get(MAIN + "/")
check("GET / is an HTML page", r.status_code == 200 and r.headers["content-type"].startswith("text/html"))
check("the page loads nothing from elsewhere", "src=\"http" not in r.text and "href=\"http" not in r.text
      and "@import" not in r.text and "default-src 'none'" in r.headers.get("content-security-policy", ""))
for version in versions + ["latest"]:
    r = requests.get(f"{MAIN}/v1/dictionary/{version}")
    check(f"GET /v1/dictionary/{version} is 200", r.status_code == 200 and r.json()["limits"], r.text[:200])
r = requests.get(MAIN + "/v1/dictionary/0.0")
check("an unknown dictionary version is 404", r.status_code == 404 and "error" in r.json(), r.text)
rule = requests.get(MAIN + "/v1/dictionary/latest").json()["rules"][0]
r = httpx.get(f"{MAIN}/v1/rules/{rule['id']}")
check("GET /v1/rules/{id} is the rule", r.status_code == 200 and r.json()["id"] == rule["id"], r.text)
r = httpx.get(f"{MAIN}/v1/rules/NO-SUCH-RULE")
check("an unknown rule is 404", r.status_code == 404, r.text)
r = requests.get(MAIN + "/no/such/endpoint")
check("an unknown endpoint is 404", r.status_code == 404, r.text)

# --- POST /v1/lots -----------------------------------------------------------------------------
eml = open(CONFIG["example_eml"], "rb").read()
r = requests.post(MAIN + "/v1/lots", data=eml, headers={"Content-Type": "message/rfc822"})
report = r.json()
check("the example .eml is 200 conformant", r.status_code == 200 and report["lots"][0]["verdict"] == "conformant",
      r.text[:300])
check("its predicted ARL is accepted 0000", report["lots"][0]["arl"]["cause"] == "0000", report["lots"][0]["arl"])
check("the verdict header says conformant", r.headers.get("x-scor-verdict") == "conformant")
r = httpx.post(MAIN + "/v1/lots", files=folder_files(CONFIG["example_lot"]))
check("the example folder's files (multipart, httpx) are 200 conformant",
      r.status_code == 200 and r.json()["lots"][0]["verdict"] == "conformant", r.text[:300])
r = requests.post(MAIN + "/v1/lots", data=tar_of(CONFIG["example_lot"]), headers={"Content-Type": "application/x-tar"})
check("the example as a tar archive is 200 conformant", r.status_code == 200, r.text[:300])
r = requests.post(MAIN + "/v1/lots", files=[("files", ("lot.eml", eml))])
check("one .eml file in a multipart body is read as a message", r.status_code == 200
      and r.json()["lots"][0]["kind"] == "eml", r.text[:300])
r = requests.post(MAIN + "/v1/lots", files=folder_files(CONFIG["rejected_lot"]))
lot = r.json()["lots"][0]
check("the rejected lot is 422 not conformant", r.status_code == 422 and lot["verdict"] == "not-conformant", r.text[:300])
check("its findings name the rule and the ARL cause 5113",
      any(f["rule"] == "FIELD-SPECIALITE" for f in lot["findings"]) and lot["arl"]["cause"] != "0000", lot)
r = requests.post(MAIN + "/v1/lots", files=folder_files(CONFIG["rejected_lot"]),
                  headers={"Accept": "application/sarif+json"})
check("Accept: application/sarif+json gives SARIF 2.1.0", r.status_code == 422
      and r.headers["content-type"] == "application/sarif+json" and r.json()["version"] == "2.1.0", r.text[:200])
r = requests.post(MAIN + "/v1/lots?format=junit", data=eml, headers={"Content-Type": "message/rfc822"})
check("?format=junit gives JUnit XML", r.status_code == 200 and r.text.lstrip().startswith("<?xml")
      and "<testsuites" in r.text, r.text[:200])
r = requests.post(MAIN + "/v1/lots", data=eml, headers={"Content-Type": "message/rfc822", "Accept": "text/html"})
check("Accept: text/html gives the HTML report", r.status_code == 200 and "<html" in r.text.lower())
r = requests.post(NFE + "/v1/lots", files=folder_files(CONFIG["nfe_lot"]))
check("a lot not fully evaluated is 200 with that verdict", r.status_code == 200
      and r.json()["lots"][0]["verdict"] == "not-fully-evaluated", r.text[:300])

# --- 400: unreadable requests --------------------------------------------------------------------
r = requests.post(MAIN + "/v1/lots", json={"lot": "no"})
check("a JSON body is 400", r.status_code == 400 and "error" in r.json(), r.text)
r = requests.post(MAIN + "/v1/lots", data=b"", headers={"Content-Type": "message/rfc822"})
check("an empty body is 400", r.status_code == 400, r.text)
r = requests.post(MAIN + "/v1/lots", data=b"--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nabc",
                  headers={"Content-Type": "multipart/form-data; boundary=xyz"})
check("a malformed multipart body (no closing boundary) is 400", r.status_code == 400, r.text)
r = requests.post(MAIN + "/v1/lots", data=b"garbage", headers={"Content-Type": "multipart/form-data"})
check("a multipart body without boundary is 400", r.status_code == 400, r.text)
r = requests.post(MAIN + "/v1/lots", files={"note": (None, "no file")})
check("a multipart body without files is 400", r.status_code == 400, r.text)
r = requests.post(MAIN + "/v1/lots?format=pdf", data=eml, headers={"Content-Type": "message/rfc822"})
check("an unknown format is 400", r.status_code == 400, r.text)

# --- POST /v1/pj ---------------------------------------------------------------------------------
pdf = open(CONFIG["pdf"], "rb").read()
r = requests.post(MAIN + "/v1/pj", data=pdf, headers={"Content-Type": "application/pdf"})
verdict = r.json()["lots"][0]["verdict"]
check("a PDF is checked: its status follows its verdict",
      (r.status_code, verdict) in [(200, "conformant"), (200, "not-fully-evaluated"), (422, "not-conformant")], r.text[:300])
check("a PJ alone has no ARL", r.json()["lots"][0].get("arl") is None)
r = httpx.post(MAIN + "/v1/pj", content=b"%PDF-1.4 not really", headers={"Content-Type": "application/pdf"})
check("a broken PDF is 422 with its findings", r.status_code == 422 and r.json()["lots"][0]["findings"], r.text[:300])
r = requests.post(MAIN + "/v1/pj", files=[("files", ("a.pdf", pdf)), ("files", ("b.pdf", pdf))])
check("two PDFs are 400", r.status_code == 400, r.text)

# --- POST /v1/arl --------------------------------------------------------------------------------
vectors = CONFIG["arl_vectors"]
r = requests.post(MAIN + "/v1/arl", data=open(os.path.join(vectors, "0000-accepted.eml"), "rb").read(),
                  headers={"Content-Type": "message/rfc822"})
check("an accepted ARL is 200 accepted", r.status_code == 200
      and r.json()["classification"]["outcome"] == "accepted", r.text[:300])
r = requests.post(MAIN + "/v1/arl", data=open(os.path.join(vectors, "5101-header-rejection.eml"), "rb").read(),
                  headers={"Content-Type": "message/rfc822"})
check("a header rejection is 200 with its cause", r.status_code == 200 and "5101" in r.text, r.text[:300])
r = requests.post(MAIN + "/v1/arl", data=b"not an ARL at all", headers={"Content-Type": "message/rfc822"})
check("an unreadable return is 422", r.status_code == 422, r.text[:300])

# --- 413: oversize bodies, memory bounded --------------------------------------------------------
limit = next(l["value"] for l in requests.get(MAIN + "/v1/dictionary/latest").json()["limits"]
             if l["name"] == "message_max_bytes")
r = requests.post(MAIN + "/v1/lots", data=b"x" * (limit + 1), headers={"Content-Type": "message/rfc822"})
check("a body one byte over message_max_bytes is 413", r.status_code == 413, r.text)
peak_before = rss_peak_kib(CONFIG["main_pid"])


def chunks():
    block = b"y" * (1 << 20)
    for _ in range(200):  # 200 MiB, far past the limit, without Content-Length
        yield block


try:
    r = requests.post(MAIN + "/v1/lots", data=chunks(), headers={"Content-Type": "message/rfc822"})
    status = r.status_code
except requests.exceptions.ConnectionError:
    status = "connection closed"  # the server answered 413 and closed while the client still sent
peak_after = rss_peak_kib(CONFIG["main_pid"])
check("a 200 MiB chunked body is refused (413)", status in (413, "connection closed"), status)
check("the server's peak memory grew by less than 64 MiB", peak_after - peak_before < 64 * 1024,
      f"{peak_before} -> {peak_after} KiB")
r = requests.get(MAIN + "/health")
check("the server still answers after the oversize bodies", r.status_code == 200)

# --- 408: a slow client ---------------------------------------------------------------------------
host, port = SLOW.split("//")[1].rsplit(":", 1)
with socket.create_connection((host, int(port))) as s:
    s.sendall(b"POST /v1/lots HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nContent-Length: 1000\r\n\r\n")
    started = time.monotonic()
    s.sendall(b"From: a@b\r\n")
    s.settimeout(30)
    answer = b""
    while b"\r\n\r\n" not in answer:
        data = s.recv(4096)
        if not data:
            break
        answer += data
    waited = time.monotonic() - started
check("a body that stops arriving is 408 after the time limit", answer.startswith(b"HTTP/1.1 408")
      and 1.5 < waited < 10, (answer[:80], waited))

# --- 200 concurrent requests ----------------------------------------------------------------------


async def concurrent(url, count):
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=count)) as client:
        calls = [client.post(url + "/v1/lots", content=eml, headers={"Content-Type": "message/rfc822"})
                 for _ in range(count)]
        return [r.status_code for r in await asyncio.gather(*calls)]


statuses = asyncio.run(concurrent(MAIN, 200))
check("200 concurrent lots (queue large enough) are all 200", statuses.count(200) == 200,
      {s: statuses.count(s) for s in set(statuses)})
statuses = asyncio.run(concurrent(BUSY, 60))
check("past the queue, requests are 503 and the others 200", set(statuses) == {200, 503},
      {s: statuses.count(s) for s in set(statuses)})
r = requests.post(BUSY + "/v1/lots", data=eml, headers={"Content-Type": "message/rfc822"})
check("once the burst is over the busy server answers 200 again", r.status_code == 200, r.status_code)

results = []
threads = [threading.Thread(target=lambda: results.append(requests.get(MAIN + "/health").status_code)) for _ in range(50)]
[t.start() for t in threads]
[t.join() for t in threads]
check("50 threads of requests get /health", results.count(200) == 50, results)

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
