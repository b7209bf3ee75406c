#!/usr/bin/env bash
# Installs `scor` with `cargo install --path cli` into a temporary root and runs it outside the
# repository: the example lot compiled in, a copied lot, a broken copy, the dictionary, and the service.
# Reuses the build folder (CARGO_TARGET_DIR, dev profile): only the scor binary is linked anew.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
# Only the service's own process is stopped (`kill 0` would stop the whole process group, CI included).
trap 'if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo install --quiet --locked --debug --path "$repo/cli" --root "$work/root"
scor="$work/root/bin/scor"
cd "$work"  # nothing of the repository from here on
fail() { echo "install-check: $*" >&2; exit 1; }

# The example lot refers to a PJ of an earlier lot (EXTERNE): with no history of lots, that reference is
# not evaluated, so the example is "not fully evaluated" (exit 3), accepted so far as checked.
status=0; "$scor" conform --no-color --lang en > example.txt || status=$?
[ "$status" = 3 ] || fail "the example lot compiled in exits $status, not 3: $(cat example.txt)"
grep -q "predicted ARL: accepted so far as checked, cause 0000" example.txt || fail "no accepted ARL for the example"
# French with no locale in the environment (and with a locale of no language of ours).
env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$scor" conform --no-color > exemple.txt || true
grep -q "ARL prévu : accepté pour ce qui a pu être vérifié, cause 0000" exemple.txt || fail "the report is not French by default"
cp -r "$repo/examples/lot-earlier" copied-lot
"$scor" conform copied-lot --format json > copied.json || fail "the copied lot is not conformant"
grep -q '"verdict": *"conformant"' copied.json || fail "the copied lot's report is not conformant"
sed -i 's/<CodeSpecialite>01</<CodeSpecialite>99</' copied-lot/E-*.xml
status=0; "$scor" conform copied-lot --no-color > broken.txt || status=$?
[ "$status" = 1 ] || fail "a broken copy exits $status, not 1"
grep -q "FIELD-SPECIALITE" broken.txt || fail "the broken copy's finding is missing"
"$scor" dictionary --spec 2.13 > dictionary.txt || fail "scor dictionary failed"
grep -q "SCOR dictionary 2.13" dictionary.txt || fail "dictionary 2.13 is not compiled in"
"$scor" serve --listen 127.0.0.1:0 > serve.log &
server=$!
for _ in $(seq 50); do grep -q "listening on" serve.log && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*' serve.log)"
code="$(curl -s -o lot.json -w '%{http_code}' -H 'Content-Type: message/rfc822' --data-binary @"$repo/examples/lot.eml" "$url/v1/lots")"
[ "$code" = 200 ] || fail "POST /v1/lots answered $code"
echo "install-check: scor installed with cargo install and run outside the repository: example (English and French), copied lot, broken copy, dictionary, serve"
