#!/usr/bin/env bash
# Serves an archive built from the seeds with `rir-archive serve` on loopback and renders the
# report, revision, diff and search pages in headless Chromium, in English and French, at 1280
# and 390 px. Checks the rendered DOM (headings, the diff's ins/del, the citation block) and that
# nothing scrolls sideways at 390 px; keeps one screenshot per page and width in OUTDIR for a look.
# Usage: .ci/check-web.sh PATH/TO/rir-archive [OUTDIR]
set -euo pipefail
binary=$(realpath -e -- "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
out=${2:-"$work/screenshots"}
mkdir -p "$out"
server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work/profile" "$work"/*.db*
}
trap cleanup EXIT

db="$work/archive.db"
url="https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458861"
"$binary" ingest "$root/seeds/MEX201601.E.txt" --source "$url" --captured-at 2024-01-10 --database "$db" >/dev/null
sed -e 's/^3\.2 Farmers$/3.2 Farmers and Ranchers/' -e 's/drug cartels are/powerful drug cartels are/' \
    -e 's/"very strong,"/"strong,"/' \
    "$root/seeds/MEX201601.E.txt" > "$work/MEX201601.E.txt"
"$binary" ingest "$work/MEX201601.E.txt" --source "$url" --captured-at 2024-06-01 --database "$db" >/dev/null
"$binary" ingest "$root/seeds/MEX201603.E.txt" "$root/seeds/MEX201601.EF.txt" --captured-at 2024-02-01 \
    --database "$db" >/dev/null
before=$(sha256sum "$db" | cut -d' ' -f1)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$binary" serve --database "$db" --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs -o /dev/null "$base/style.css" && break; sleep 0.1; done
curl -fs -o /dev/null "$base/style.css" || { cat "$work/serve.log" >&2; echo "check-web: serve did not start" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser)
run_browser() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
        --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}
fail=0
check() { # FILE PATTERN WHAT
    if grep -q -- "$2" "$1"; then echo "ok: $3"; else echo "FAIL: $3 ($2 not in the rendered DOM)" >&2; fail=1; fi
}

declare -A pages=(
    [report]="/reports/MEX201601.E"
    [revision]="/reports/MEX201601.E/revisions/2"
    [diff]="/reports/MEX201601.E/diff?from=1&to=2"
    [search]="/search?q=cartel*"
)
for name in report revision diff search; do
    for lang in en fr; do
        page="$base${pages[$name]}"
        [[ $page == *\?* ]] && page="$page&lang=$lang" || page="$page?lang=$lang"
        dom="$work/$name-$lang.html"
        run_browser --dump-dom "$page" > "$dom"
        check "$dom" "<html lang=\"$lang\"" "$name ($lang) is in its language"
        check "$dom" '<h1' "$name ($lang) has a heading"
        for width in 1280 390; do
            run_browser --screenshot="$out/$name-$lang-$width.png" --window-size="$width,900" "$page" >/dev/null
            [[ -s $out/$name-$lang-$width.png ]] || { echo "FAIL: no screenshot of $name at $width" >&2; fail=1; }
        done
        # The pages run no script and refuse frames (CSP), and headless Chromium lays a page out at
        # 500 px at least: measure a saved copy of the same markup and stylesheet in a 390 px frame.
        curl -fs "$page" | sed -e "s|<head>|<head><base href=\"$base/\">|" > "$work/copy.html"
        cat > "$work/measure.html" <<'HTML'
<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="copy.html" style="width:390px;height:900px;border:0"></iframe>
<script>document.getElementById("f").onload = function () {
  var d = this.contentDocument.documentElement;
  document.body.setAttribute("data-measured", "scroll " + d.scrollWidth + " client " + d.clientWidth);
};</script></body></html>
HTML
        measured=$(run_browser --allow-file-access-from-files --virtual-time-budget=5000 --window-size=800,900 \
            --dump-dom "file://$work/measure.html" | sed -n 's/.*data-measured="scroll \([0-9]*\) client \([0-9]*\)".*/\1 \2/p')
        read -r scroll client <<<"${measured:-0 -1}"
        if [[ $client -gt 0 && $scroll -le $client ]]; then
            echo "ok: $name ($lang) does not scroll sideways at 390 px ($scroll ≤ $client)"
        else
            echo "FAIL: $name ($lang) at 390 px: scroll width ${scroll} > client width ${client}" >&2; fail=1
        fi
    done
done
check "$work/report-en.html" 'Timeline' "the report page shows its timeline"
check "$work/report-fr.html" 'Chronologie' "the French report page shows its timeline"
check "$work/revision-en.html" '<section class="citation"' "the revision page has a citation block"
check "$work/revision-en.html" 'id="s3.2"' "the revision page has section anchors"
check "$work/diff-en.html" '<ins>' "the diff marks insertions"
check "$work/diff-en.html" '<del>' "the diff marks deletions"
check "$work/diff-en.html" 'Ranchers' "the diff shows the edited heading"
check "$work/search-en.html" '<mark>' "search hits mark the matched words"
if grep -qi '<script' "$work"/report-en.html "$work"/revision-en.html "$work"/diff-en.html "$work"/search-en.html; then
    echo "FAIL: a page has a script" >&2; fail=1
fi
kill "$server"; wait "$server" 2>/dev/null || true; server=
after=$(sha256sum "$db" | cut -d' ' -f1)
if [[ $before == "$after" ]]; then echo "ok: the database file is byte-identical after serving"; else
    echo "FAIL: serve changed the database file" >&2; fail=1; fi
echo "screenshots: $out"
exit $fail
