#!/usr/bin/env bash
# Compares, on the same lot, `xtask conform` (release binary) with what a user would otherwise script
# with standard tools: openssl cms -decrypt of each .pkcs7, xmllint --schema on the header and the
# decrypted indexes, sha256sum of the decrypted PDFs. The script does far fewer checks (see the table).
#
# Usage: scripts/bench-vs-cli.sh [LOT_DIR...]
#   Without LOT_DIR: the bundled example lot (examples/lot) and a lot of $DOSSIERS dossiers x 2 PJ
#   written to a temporary folder by `cargo run --release -p scor-conformance --example write-lot`.
# Environment: RUNS (timed runs per command, default 30), WARMUP (default 3), DOSSIERS (default 20),
#   ROUTE (routing address whose test-pki key decrypts; default: derived from the lot header),
#   NO_INSTALL=1 (never apt-get install hyperfine), NO_HYPERFINE=1 (always use the date loop).
# Test keys only (test-pki/, TEST ONLY).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
DOSSIERS="${DOSSIERS:-20}"
XSD="$ROOT/generated/xsd/2.13"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for tool in openssl xmllint sha256sum; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 2; }
done

# hyperfine when installed (Debian package `hyperfine`; installed here when running as root), else a
# timed loop with date +%s%N.
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
cargo build --release -q -p xtask >&2
XTASK="$ROOT/target/release/xtask"

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

# mean_ms NAME COMMAND…: prints "mean stddev" in ms.
mean_ms() {
  local name="$1"; shift
  if [[ "$TIMER" == hyperfine* ]]; then
    hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/$name.json" "$*" >/dev/null
    jq -r '.results[0] | "\(.mean * 1000) \(.stddev * 1000)"' "$WORK/$name.json" | awk '{printf "%.1f %.1f\n", $1, $2}'
  else
    local i t0 t1
    for ((i = 0; i < WARMUP; i++)); do bash -c "$*" >/dev/null; done
    : > "$WORK/$name.times"
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N); bash -c "$*" >/dev/null; t1=$(date +%s%N)
      echo $(((t1 - t0))) >> "$WORK/$name.times"
    done
    awk '{s += $1; q += $1 * $1; n++} END {m = s / n; v = q / n - m * m; if (v < 0) v = 0;
      printf "%.1f %.1f\n", m / 1e6, sqrt(v) / 1e6}' "$WORK/$name.times"
  fi
}

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

  # Both must succeed on the lot before being timed.
  "$XTASK" conform "$lot" >/dev/null || { echo "error: xtask conform $lot did not pass" >&2; exit 1; }
  "$WORK/cli-pipeline.sh" "$lot" "$WORK/plain" "$cert" "$key" "$XSD" || { echo "error: the CLI pipeline failed on $lot" >&2; exit 1; }

  local xt cli
  xt=$(mean_ms "xtask-$label" "'$XTASK' conform '$lot'")
  cli=$(mean_ms "cli-$label" "'$WORK/cli-pipeline.sh' '$lot' '$WORK/plain' '$cert' '$key' '$XSD'")
  echo
  echo "## $label: $lot ($files files, $envelopes envelopes, $bytes bytes)"
  echo
  printf '| %-22s | %-18s | %s |\n' "tool" "mean ms per lot" "what it does"
  printf '| %-22s | %-18s | %s |\n' "----" "---------------" "------------"
  printf '| %-22s | %-18s | %s |\n' "xtask conform" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$xt")" \
    "every check: file names/inventory, lot size, header (streaming, dictionary rules + cross-field), each envelope's structure/algorithms/recipient, decrypt, index rules + ties to header, PJ size/SHA-256/nature, full PDF/A-1b, predicted ARL written, text report"
  printf '| %-22s | %-18s | %s |\n' "openssl+xmllint+sha256" "$(awk '{printf "%s ± %s", $1, $2}' <<<"$cli")" \
    "$envelopes× openssl cms -decrypt (one process each), xmllint XSD on header + indexes (one call each), sha256sum of the PDFs (not compared to the header), no PDF/A, no cross-field or naming checks, no ARL"
  awk -v a="${xt%% *}" -v b="${cli%% *}" 'BEGIN {printf "\nratio CLI pipeline / xtask conform: %.1fx\n", b / a}'
}

echo "timer: $TIMER; $RUNS runs after $WARMUP warm-up runs; $(nproc) CPUs; $(uname -srm)"
echo "NOTE: the openssl/xmllint/sha256sum pipeline does far fewer checks than xtask conform (no PDF/A-1b,"
echo "      no dictionary rules beyond the XSD, no header/index/PJ cross-checks, no ARL): it is a floor, not a peer."
if (($#)); then
  for lot in "$@"; do bench_lot "$lot" "$(basename "$lot")"; done
else
  bench_lot "$ROOT/examples/lot" "example lot"
  echo "writing a $DOSSIERS-dossier lot…" >&2
  cargo run --release -q -p scor-conformance --example write-lot -- "$WORK/lot-$DOSSIERS" "$DOSSIERS" >&2
  bench_lot "$WORK/lot-$DOSSIERS" "$DOSSIERS-dossier lot"
fi
