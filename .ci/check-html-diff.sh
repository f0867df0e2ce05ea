#!/usr/bin/env bash
# Renders `rir-archive diff --format html` in headless Chromium and checks the rendered DOM:
# the page loads offline, lists the changed section, marks insertions and deletions, and
# lists the added reference. Usage: .ci/check-html-diff.sh PATH/TO/rir-archive
set -euo pipefail
binary=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db="$work/archive.db"
"$binary" ingest "$root/seeds/MEX201601.E.txt" --database "$db" >/dev/null
sed -e 's/^3\.2 Farmers$/3.2 Farmers and Ranchers/' \
    -e 's/^References$/References\n\nAAA Test Source. 2023-08-30. "A new reference." [Accessed 2023-08-31]/' \
    "$root/seeds/MEX201601.E.txt" > "$work/MEX201601.E.txt"
"$binary" ingest "$work/MEX201601.E.txt" --database "$db" >/dev/null
"$binary" diff MEX201601.E --format html --database "$db" > "$work/diff.html"

browser=$(command -v chromium || command -v chromium-browser)
"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --dump-dom "file://$work/diff.html" > "$work/dom.html" 2> "$work/chromium.log" || {
    cat "$work/chromium.log" >&2
    echo "check-html-diff: chromium could not render the page" >&2
    exit 1
}
fail=0
check() {
    if grep -q -- "$1" "$work/dom.html"; then echo "ok: $2"; else echo "FAIL: $2 ($1 not in the rendered DOM)" >&2; fail=1; fi
}
check '<ins' "insertions are marked"
check 'Ranchers' "the edited heading is shown"
check 'A new reference' "the added reference is listed"
check 'name="viewport"' "the page declares a viewport for phones"
if grep -qi '<script' "$work/diff.html"; then echo "FAIL: the page has a script" >&2; fail=1; fi
exit $fail
