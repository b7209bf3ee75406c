#!/usr/bin/env bash
# The hostile-input table of the README, measured: writes every hostile lot of scor_tests::hostile
# (cargo run --example hostile-lots), checks each with a release `xtask conform`, and prints one
# Markdown row per lot: input class, error rules, predicted ARL, exit code, wall time, peak RSS.
# Needs GNU time (/usr/bin/time, Debian package `time`) and Python 3.
#
#   scripts/hostile-inputs.sh [DIR]        # DIR defaults to target/hostile
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-target/hostile}"
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 2; }

cargo build --release --quiet -p xtask
rm -rf "$dir" && mkdir -p "$dir"
cargo run --release --quiet -p scor-tests --example hostile-lots -- "$dir/lots" > "$dir/catalogue.tsv"

echo "| input class | findings (error rules) | predicted ARL | exit | time | peak RSS |"
echo "|---|---|---|---:|---:|---:|"
while IFS=$'\t' read -r path class; do
  name=$(basename "$path")
  set +e
  /usr/bin/time -v -o "$dir/$name.time" target/release/xtask conform "$path" --format json -o "$dir/$name.json" 2>/dev/null
  code=$?
  set -e
  python3 - "$dir/$name.json" "$dir/$name.time" "$class" "$code" <<'PY'
import json, re, sys
report_path, time_path, klass, code = sys.argv[1:]
lot = json.load(open(report_path))["lots"][0]
rules = sorted({f["rule"] for f in lot["findings"] if f["severity"] == "error"})
arl = lot["arl"]
timing = open(time_path).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", timing).group(1)
minutes, seconds = wall.rsplit(":", 1)
wall_s = float(minutes.split(":")[-1]) * 60 + float(seconds)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1)) / 1024
print(f"| {klass} | {', '.join(rules) or 'none'} | {arl['outcome']} {arl['cause']} | {code} | {wall_s:.2f} s | {rss:.0f} MB |")
PY
done < "$dir/catalogue.tsv"
