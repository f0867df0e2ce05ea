#!/usr/bin/env bash
# Checks the shipped systemd units (rir-archive.service and rir-archive-web.service), as CI does:
#   1. `systemd-analyze verify` on a copy whose ExecStart runs the given binary (same arguments);
#      it fails on a non-zero exit OR on anything written to stderr (unknown keys and other
#      mistakes are only warnings to systemd, errors here);
#   2. `systemd-analyze security --offline=true` on that copy; it fails when the overall
#      exposure is above 2.0.
#
# Usage: systemd/check-unit.sh BINARY [UNIT]
#   BINARY  the built rir-archive (e.g. .build/debug/rir-archive)
#   UNIT    the unit file to check (default: both units beside this script)
set -euo pipefail

readonly max_exposure=2.0

fail() {
    echo "check-unit: $*" >&2
    exit 1
}

[[ $# -ge 1 && $# -le 2 ]] || fail "usage: $0 BINARY [UNIT]"
binary=$(realpath -e -- "$1" 2>/dev/null) || fail "cannot check the unit: no binary at $1"
[[ -f $binary && -x $binary ]] || fail "cannot check the unit: $binary is not an executable file"
here=$(dirname -- "${BASH_SOURCE[0]}")
if [[ $# -eq 2 ]]; then
    units=("$2")
else
    units=("$here/rir-archive.service" "$here/rir-archive-web.service")
fi
command -v systemd-analyze >/dev/null || fail "cannot check the unit: systemd-analyze is not installed
hint: apt-get install systemd"
# ExecStart= takes C-style quoting and expands % specifiers: quote the path, double every %.
[[ $binary != *[\"\\$'\n']* ]] || fail "cannot check the unit: the binary path $binary holds a quote, backslash or line break"

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

check_unit() {
    local unit=$1
    [[ -f $unit ]] || fail "cannot check the unit: no unit file at $unit"
    local name copy exec_starts escaped status exposure
    name=$(basename -- "$unit")
    copy="$work/$name"

    # Keep the arguments; replace only the program of the (single) ExecStart= line.
    exec_starts=$(grep -c '^ExecStart=' "$unit" || true)
    [[ $exec_starts == 1 ]] || fail "cannot check $unit: expected one ExecStart= line, found $exec_starts"
    escaped=${binary//%/%%}
    awk -v program="\"$escaped\"" '
        /^ExecStart=/ {
            line = substr($0, length("ExecStart=") + 1)
            sub(/^[-@:+!]*[^ \t]+/, "", line)   # drop the original program (and any prefix)
            print "ExecStart=" program line
            next
        }
        { print }
    ' "$unit" >"$copy"

    export SYSTEMD_COLORS=0 SYSTEMD_PAGER=cat SYSTEMD_LOG_COLOR=0

    echo "== systemd-analyze verify ($(grep '^ExecStart=' "$copy"))"
    status=0
    systemd-analyze verify "$copy" >"$work/verify.out" 2>"$work/verify.err" || status=$?
    cat "$work/verify.out"
    cat "$work/verify.err" >&2
    if [[ $status -ne 0 ]]; then
        fail "systemd-analyze verify $name failed (exit $status)"
    fi
    if [[ -s $work/verify.err ]]; then
        fail "systemd-analyze verify $name printed warnings (above); the unit must verify cleanly"
    fi
    echo "verify: clean"

    echo "== systemd-analyze security --offline=true"
    status=0
    systemd-analyze security --offline=true --no-pager "$copy" >"$work/security.out" 2>&1 || status=$?
    cat "$work/security.out"
    [[ $status -eq 0 ]] || fail "systemd-analyze security $name failed (exit $status)"
    exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9.]*\).*/\1/p' "$work/security.out" | tail -n 1)
    [[ -n $exposure ]] || fail "cannot find the overall exposure level in the output of systemd-analyze security"
    if ! awk -v value="$exposure" -v limit="$max_exposure" 'BEGIN { exit !(value + 0 <= limit + 0) }'; then
        fail "$name has an overall exposure of $exposure, above $max_exposure"
    fi
    echo "security: overall exposure $exposure (at most $max_exposure): OK"
}

for unit in "${units[@]}"; do
    check_unit "$unit"
done
