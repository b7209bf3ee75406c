#!/usr/bin/env bash
# Hostile PJ, measured: builds one lot per class (scor-conformance example `hostile-pdf`: a page tree
# that is not a tree, decompression bombs within pj_max_bytes, sealed with the test PKI), checks each
# with `xtask conform` under /usr/bin/time -v, and prints a Markdown table: exit code, the PJ's error
# findings, wall time and peak RSS of the whole check of the lot.
#
# Usage: scripts/hostile-pdf.sh [DIR]   (lots and reports under DIR, default target/hostile-pdf)
# Needs GNU time (/usr/bin/time; `apt-get install time`). Times are of the release binary itself;
# `cargo run --release -p xtask -- conform` adds cargo's own start-up to them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
dir=${1:-$target/hostile-pdf}

if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is needed: apt-get install time" >&2
    exit 2
fi

cd "$root"
cargo build --release -q -p xtask
cargo build --release -q -p scor-conformance --example hostile-pdf
"$target/release/examples/hostile-pdf" "$dir" >&2

echo "| lot | exit | errors of P-001-001.pkcs7 | not evaluated | predicted ARL | time (s) | peak RSS (MB) |"
echo "|---|---:|---|---:|---|---:|---:|"
for lot in "$dir"/*/; do
    name=$(basename "$lot")
    report="$dir/$name.txt"
    timing="$dir/$name.time"
    status=0
    /usr/bin/time -v -o "$timing" "$target/release/xtask" conform --no-color "$lot" >"$report" 2>&1 || status=$?
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$timing")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
    findings=$(awk '/^  P-001-001.pkcs7$/ { pj = 1; next } /^$/ { pj = 0 } pj && /^    error\[/ { sub(/^    error/, ""); print }' "$report" | paste -sd ';' -)
    arl=$(grep -m1 'predicted ARL: ' "$report" | sed -E 's/.*predicted ARL: //; s/ \(.*//' || true)
    dossier=$(grep -m1 -E '^    dossier 001: ' "$report" | sed -E 's/^ +dossier 001: //; s/ \(.*//' || true)
    skipped=$(grep -m1 -E '^  [0-9]+ error' "$report" | sed -E 's/.* ([0-9]+) not evaluated/\1/' || true)
    printf '| %s | %s | %s | %s | %s%s | %s | %s |\n' "$name" "$status" "${findings:-none}" "${skipped:-?}" "${arl:-?}" \
        "${dossier:+ (dossier 001: $dossier)}" "$seconds" "$((rss_kb / 1024))"
done
