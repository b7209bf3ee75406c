#!/usr/bin/env bash
# Times `cargo xtask pdfa` (release) on the veraPDF PDF/A-1b corpus (568 files) in one process on one core
# and one file per process, against Apache PDFBox Preflight (one JVM per file); prints both agreements.
# Needs java and Debian's libpdfbox2-java (installed with apt-get when missing). Usage: scripts/pdfa-vs-preflight.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/pdfa/tests/corpus/verapdf-pdfa-1b"
target="${CARGO_TARGET_DIR:-$root/target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

java_dir=/usr/share/java
# Preflight 2.0 on Java 11+ also needs the JavaBeans Activation and JAXB APIs.
if [ ! -e "$java_dir/preflight.jar" ] || [ ! -e "$java_dir/javax.activation.jar" ] || [ ! -e "$java_dir/jaxb-api.jar" ]; then
    apt-get update -qq
    apt-get install -y -qq libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless >/dev/null
fi
classpath="$java_dir/preflight.jar:$java_dir/pdfbox2.jar:$java_dir/fontbox2.jar:$java_dir/xmpbox.jar"
classpath="$classpath:$java_dir/commons-logging.jar:$java_dir/javax.activation.jar:$java_dir/jaxb-api.jar"
# A JVM that cannot start must not count as a verdict.
probe="$corpus/PDF_A-1b/6.7 Metadata/6.7.2 Properties/veraPDF test suite 6-7-2-t14-pass-a.pdf"
case "$(java -cp "$classpath" org.apache.pdfbox.preflight.Validator_A1b "$probe" 2>&1 || true)" in
    *"valid PDF/A-1b file"*) ;;
    *) echo "PDFBox Preflight does not run with $classpath" >&2; exit 2 ;;
esac

(cd "$root" && cargo build --release -q -p xtask)
echo "started $(date -u +%H:%M:%S)" >&2
xtask="$target/release/xtask"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# 1. scor-kit, the 568 files in one process on one core.
start=$(now)
taskset -c 0 "$xtask" pdfa --jobs 1 --format json --output "$work/one.json" "$corpus/PDF_A-1b" || true
one_process=$(elapsed "$start" "$(now)")
echo "scor-kit, 568 files in one process on one core: $one_process s" >&2

# 2. scor-kit, one process per file.
start=$(now)
while IFS=$'\t' read -r _ path; do
    "$xtask" pdfa --jobs 1 "$corpus/$path" >/dev/null 2>&1 || true
done <"$corpus/expected.tsv"
per_file=$(elapsed "$start" "$(now)")
echo "scor-kit, one process per file: $per_file s" >&2

# 3. PDFBox Preflight, one JVM per file (its verdict is the "is a valid PDF/A-1b file" line).
start=$(now)
while IFS=$'\t' read -r _ path; do
    # Preflight exits non-zero for an invalid file: read its verdict line, not its exit code.
    out=$(java -cp "$classpath" org.apache.pdfbox.preflight.Validator_A1b "$corpus/$path" 2>/dev/null || true)
    case "$out" in
        *"is a valid PDF/A-1b file"*) printf 'pass\t%s\n' "$path" ;;
        *) printf 'fail\t%s\n' "$path" ;;
    esac
done <"$corpus/expected.tsv" >"$work/preflight.tsv"
preflight=$(elapsed "$start" "$(now)")

python3 - "$corpus" "$work/one.json" "$work/preflight.tsv" "$one_process" "$per_file" "$preflight" <<'PY'
import json, sys
corpus, scor_json, preflight_tsv, one, per_file, preflight = sys.argv[1:]
expected = [l.rstrip("\n").split("\t") for l in open(f"{corpus}/expected.tsv") if l.strip()]
scor = {f["path"].split(corpus + "/", 1)[1]: f["verdict"] for f in json.load(open(scor_json))["files"]}
pre = dict(l.rstrip("\n").split("\t")[::-1] for l in open(preflight_tsv) if l.strip())
def agreement(verdict_of):
    passes = [p for v, p in expected if v == "pass"]
    fails = [p for v, p in expected if v == "fail"]
    accepted = sum(verdict_of(p) == "pass" for p in passes)
    rejected = sum(verdict_of(p) != "pass" for p in fails)
    return f"{accepted + rejected}/{len(expected)} (pass files accepted {accepted}/{len(passes)}, fail files rejected {rejected}/{len(fails)})"
n = len(expected)
print(f"files: {n}")
print(f"scor-kit agreement:  {agreement(lambda p: scor.get(p))}")
print(f"Preflight agreement: {agreement(lambda p: pre.get(p))}")
print(f"scor-kit, one process, one core: {one} s ({float(one) / n * 1000:.2f} ms per file)")
print(f"scor-kit, one process per file:  {per_file} s ({float(per_file) / n * 1000:.1f} ms per file)")
print(f"Preflight, one JVM per file:     {preflight} s ({float(preflight) / n * 1000:.0f} ms per file)")
print(f"Preflight / scor-kit per file (one process each): {float(preflight) / float(per_file):.0f}x")
PY
