#!/usr/bin/env bash
# Compares, on the same lots and in one run, `scor conform` (release binary) with what a user would
# otherwise script with standard tools: openssl cms -decrypt of each .pkcs7, xmllint --schema on the
# header and the decrypted indexes, sha256sum of the decrypted PDFs. The script does far fewer checks.
# Also measured in the same run: the RSA floor (one RSA-2048 private-key operation per envelope, from
# `openssl speed`), and scor-kit's start-up (`scor conform --help`, a lot whose header does not parse).
#
# Usage: scripts/bench-vs-cli.sh [LOT_DIR...]
#   Without LOT_DIR, the lots are written to a temporary folder by the write-lot example
#   (`cargo run --release -p scor-conformance --example write-lot`), sealed with the test PKI:
#     typical   1 dossier, 2 bitonal 250 DPI PJ (the example's scans, 1 and 2 pages)
#     maximum   8 dossiers x 2 PJ of about 240 kB of bitonal text-like pages (about 3.9 MB)
#     noise     8 dossiers x 2 PJ of one 240 kB grey page of noise each (reported, not a target: such
#               PJ are unusable scans, the lot is not conformant)
# Environment: RUNS (timed runs per command, default 30), WARMUP (default 3), LOTS (which of the lots
#   above, default "typical maximum noise"), ROUTE (routing address whose test-pki key decrypts;
#   default: derived from the lot header), NO_INSTALL=1 (never apt-get install hyperfine),
#   NO_HYPERFINE=1 (always use the date loop), CARGO_TARGET_DIR (where the release binaries are built),
#   SCOR (a scor binary to time instead of the one built here, e.g. an earlier build to compare with).
# Test keys only (test-pki/, TEST ONLY).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
LOTS="${LOTS:-typical maximum noise}"
XSD="$ROOT/generated/xsd/2.13"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for tool in openssl xmllint sha256sum jq; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 2; }
done

# hyperfine when installed (Debian package `hyperfine`; installed here when running as root), else a
# timed loop with date +%s%N (wall time only).
if [[ -z "${NO_HYPERFINE:-}" ]] && ! command -v hyperfine >/dev/null && [[ "$(id -u)" == 0 ]] && [[ -z "${NO_INSTALL:-}" ]]; then
  echo "installing hyperfine (apt-get)…" >&2
  (apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }) || true
fi
if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
  TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
else
  TIMER="date +%s%N loop"
fi

echo "building the release binaries…" >&2
[[ -n "${SCOR:-}" ]] || cargo build --release -q -p scor-kit --bin scor >&2
cargo build --release -q -p scor-conformance --example write-lot >&2
SCOR="${SCOR:-$TARGET/release/scor}"
WRITE_LOT="$TARGET/release/examples/write-lot"

# The script a user would write: decrypt every envelope, validate against the XSDs, digest the PDFs.
cat > "$WORK/cli-pipeline.sh" <<'PIPE'
#!/usr/bin/env bash
# cli-pipeline.sh LOT_DIR OUT_DIR CERT KEY XSD_DIR
set -euo pipefail
lot="$1" out="$2" cert="$3" key="$4" xsd="$5"
rm -rf "$out" && mkdir -p "$out"
for f in "$lot"/*.pkcs7; do
  base="$(basename "$f" .pkcs7)"
  case "$base" in D-*) ext=xml ;; *) ext=pdf ;; esac
  openssl cms -decrypt -inform DER -in "$f" -recip "$cert" -inkey "$key" -out "$out/$base.$ext"
done
xmllint --noout --schema "$xsd/ENTSCANORDO.xsd" "$lot"/E-*ENTSCANORDO*.xml 2>/dev/null
xmllint --noout --schema "$xsd/SCANORDO.xsd" "$out"/D-*.xml 2>/dev/null
sha256sum "$out"/P-*.pdf >/dev/null
PIPE
chmod +x "$WORK/cli-pipeline.sh"

# timed NAME COMMAND…: prints "wall_mean wall_stddev cpu_mean" in ms (cpu: user + system, hyperfine only;
# "-" with the date loop).
timed() {
  local name="$1"; shift
  if [[ "$TIMER" == hyperfine* ]]; then
    hyperfine --style none -N --warmup "$WARMUP" --runs "$RUNS" -i --export-json "$WORK/$name.json" "$*" >/dev/null 2>&1 ||
      hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" -i --export-json "$WORK/$name.json" "$*" >/dev/null
    jq -r '.results[0] | "\(.mean * 1000) \(.stddev * 1000) \((.user + .system) * 1000)"' "$WORK/$name.json" |
      awk '{printf "%.2f %.2f %.2f\n", $1, $2, $3}'
  else
    local i t0 t1
    for ((i = 0; i < WARMUP; i++)); do bash -c "$*" >/dev/null 2>&1 || true; done
    : > "$WORK/$name.times"
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N); bash -c "$*" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      echo $(((t1 - t0))) >> "$WORK/$name.times"
    done
    awk '{s += $1; q += $1 * $1; n++} END {m = s / n; v = q / n - m * m; if (v < 0) v = 0;
      printf "%.2f %.2f -\n", m / 1e6, sqrt(v) / 1e6}' "$WORK/$name.times"
  fi
}

# The RSA floor: milliseconds of one RSA-2048 private-key operation (what decrypting one envelope's
# content-encryption key costs), measured now on this machine.
rsa_ms() {
  openssl speed -mr -seconds 1 rsa2048 2>/dev/null | awk -F: '/^\+F2:/ {printf "%.4f\n", 1000 / $4; exit}'
}

row() { printf '| %-28s | %-16s | %-12s | %s |\n' "$@"; }

bench_lot() {
  local lot="$1" label="$2"
  local header route cert key files bytes envelopes
  header="$(ls "$lot"/E-*ENTSCANORDO*.xml | head -n 1)"
  if [[ -n "${ROUTE:-}" ]]; then
    route="$ROUTE"
  else
    local regime organisme
    regime="$(sed -n 's:.*<CodeRegime>\(.*\)</CodeRegime>.*:\1:p' "$header" | head -n 1)"
    organisme="$(sed -n 's:.*<CodeOrganisme>\(.*\)</CodeOrganisme>.*:\1:p' "$header" | head -n 1)"
    route="$regime.$organisme@$regime.scor.rss.fr"
  fi
  cert="$ROOT/test-pki/$route.cert.pem" key="$ROOT/test-pki/$route.key.pem"
  [[ -f "$cert" && -f "$key" ]] || { echo "error: no test-pki key for $route (set ROUTE)" >&2; exit 2; }
  files=$(find "$lot" -maxdepth 1 -type f | wc -l)
  envelopes=$(find "$lot" -maxdepth 1 -name '*.pkcs7' | wc -l)
  bytes=$(cat "$lot"/* | wc -c)

  # Both must run through the lot before being timed (a lot of noise scans is rightly not conformant).
  local verdict=0
  "$SCOR" conform "$lot" >/dev/null || verdict=$?
  ((verdict <= 1)) || { echo "error: scor conform $lot exited $verdict" >&2; exit 1; }
  "$WORK/cli-pipeline.sh" "$lot" "$WORK/plain" "$cert" "$key" "$XSD" || { echo "error: the CLI pipeline failed on $lot" >&2; exit 1; }

  local scor cli rsa floor
  scor=$(timed "scor-$label" "$SCOR" conform "$lot")
  cli=$(timed "cli-$label" "$WORK/cli-pipeline.sh" "$lot" "$WORK/plain" "$cert" "$key" "$XSD")
  rsa=$(rsa_ms)
  floor=$(awk -v r="$rsa" -v n="$envelopes" 'BEGIN {printf "%.2f", r * n}')
  echo
  echo "## $label: $files files, $envelopes envelopes, $bytes bytes (exit $verdict)"
  echo
  row "tool" "wall ms" "CPU ms" "what it does"
  row "----" "-------" "------" "------------"
  row "scor conform" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$scor")" "$(awk '{print $3}' <<<"$scor")" \
    "every check: inventory, header, envelopes, decryption, index, PJ digest/nature, PDF/A-1b, scan quality, ARL, report"
  row "openssl+xmllint+sha256sum" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$cli")" "$(awk '{print $3}' <<<"$cli")" \
    "$envelopes× openssl cms -decrypt, xmllint XSD on header + indexes, sha256sum of the PDFs; nothing else"
  row "RSA floor" "$floor" "$floor" "$envelopes× one RSA-2048 private-key operation ($rsa ms each, openssl speed, same run)"
  awk -v s="${scor%% *}" -v c="${cli%% *}" -v f="$floor" -v label="$label" 'BEGIN {
    printf "\n%s: pipeline / scor conform (wall) = %.2fx; scor conform / RSA floor = %.1fx\n", label, c / s, s / f }'
  awk -v s="$(awk '{print $3}' <<<"$scor")" -v c="$(awk '{print $3}' <<<"$cli")" -v f="$floor" -v label="$label" 'BEGIN {
    if (s != "-" && s > 0) printf "%s: pipeline / scor conform (CPU) = %.2fx; scor conform CPU / RSA floor = %.1fx\n", label, c / s, s / f }'
}

startup() {
  local lot="$1" help bad
  help=$(timed "help" "$SCOR" conform --help)
  bad=$(timed "bad-header" "$SCOR" conform "$lot")
  echo
  echo "## start-up"
  echo
  row "command" "wall ms" "CPU ms" "what it does"
  row "-------" "-------" "------" "------------"
  row "scor conform --help" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$help")" "$(awk '{print $3}' <<<"$help")" "argument parsing only"
  row "scor conform (bad header)" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$bad")" "$(awk '{print $3}' <<<"$bad")" \
    "a lot whose header does not parse: read, inventory, header validator, report"
}

echo "timer: $TIMER; $RUNS runs after $WARMUP warm-up runs; $(nproc) CPUs; $(uname -srm); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "NOTE: the openssl/xmllint/sha256sum pipeline does far fewer checks than scor conform (no PDF/A-1b, no scan"
echo "      quality, no dictionary rules beyond the XSD, no header/index/PJ cross-checks, no ARL): a floor, not a peer."
if (($#)); then
  for lot in "$@"; do bench_lot "$lot" "$(basename "$lot")"; done
else
  for name in $LOTS; do
    case "$name" in
      typical) args=(1 example) ;;
      maximum) args=(8 text:240000) ;;
      noise) args=(8 noise:240000) ;;
      *) echo "error: unknown lot $name (typical, maximum, noise)" >&2; exit 2 ;;
    esac
    echo "writing the $name lot…" >&2
    "$WRITE_LOT" "$WORK/$name" "${args[@]}" >&2 2>/dev/null || [[ "$name" == noise ]]
    bench_lot "$WORK/$name" "$name"
  done
  # A lot whose header does not parse: the typical lot with a header cut short.
  if [[ -d "$WORK/typical" ]]; then
    cp -r "$WORK/typical" "$WORK/bad-header"
    header="$(ls "$WORK/bad-header"/E-*ENTSCANORDO*.xml | head -n 1)"
    head -c 200 "$header" > "$header.cut" && mv "$header.cut" "$header"
    startup "$WORK/bad-header"
  fi
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
