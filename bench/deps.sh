#!/usr/bin/env bash
# bench/deps.sh [LOCKFILE] — time Ward's dependency scan of one lockfile
# against a large offline OSV database and, when OSV_SCANNER names an
# osv-scanner binary, osv-scanner's offline scan of the same lockfile and
# database. Prints seconds and peak memory for each and the ratio. The
# database index build (`ward db import`) is timed separately.
#
#   OSV_SCANNER=/path/to/osv-scanner bench/deps.sh /path/to/package-lock.json
#
# osv-scanner reads DIR/osv-scalibr/<Ecosystem>/all.zip for --local-db-path DIR.
# The database is npm's real advisories from ../shared/data/osv (when
# present) topped up with synthetic ones to RECORDS (default 200000) by
# bench/osvgen; a quarter of the lockfile's packages get an advisory. Each
# tool runs RUNS times (default 3); the best time is reported.
set -euo pipefail
lock=${1:-/tmp/parity/biglock/package-lock.json}
records=${RECORDS:-200000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$lock" ] || { echo "bench/deps.sh: no lockfile at $lock (pass one)" >&2; exit 2; }

(cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward && go build -o "$work/osvgen" ./bench/osvgen)
seed=""
[ -f "$here/../shared/data/osv/npm/all.zip" ] && seed="-seed-zip $here/../shared/data/osv/npm/all.zip"
mkdir -p "$work/osvdb/osv-scalibr/npm" "$work/target"
# shellcheck disable=SC2086
"$work/osvgen" -n "$records" -eco npm $seed -lockfile "$lock" -o "$work/osvdb/osv-scalibr/npm/all.zip"
cp "$lock" "$work/target/package-lock.json"
pkgs=$(grep -c '"node_modules/' "$lock" || true)

. "$(dirname "$0")/lib.sh"
report() { # name seconds peak_kib
  awk -v n="$1" -v s="$2" -v m="$3" 'BEGIN{ printf "%-22s %8.3f s %9.1f MiB peak\n", n, s, m/1024 }'
}

echo "lockfile: $lock (~$pkgs packages); npm database: $records advisories; best of ${RUNS:-3} runs, $(nproc) cores"
read -r b_s b_m < <(best "$work/ward" db import "$work/osvdb/osv-scalibr/npm/all.zip" --ecosystem npm --db-dir "$work/db")
report "ward db import (index)" "$b_s" "$b_m"
read -r w_s w_m < <(best "$work/ward" scan "$work/target" --scanners vuln --db-dir "$work/db" --no-progress -f json -o "$work/ward.json")
report "ward scan" "$w_s" "$w_m"
echo "ward findings: $(grep -c "\"scanner\": \"vuln\"" "$work/ward.json" || true)"
if [ -n "${OSV_SCANNER:-}" ]; then
  read -r o_s o_m < <(best "$OSV_SCANNER" scan source --offline --no-call-analysis=all --local-db-path "$work/osvdb" \
    --format json --output-file "$work/osv.json" -L "$work/target/package-lock.json")
  report "osv-scanner" "$o_s" "$o_m"
  if command -v jq >/dev/null; then # do both report the same package/advisory pairs?
    jq -r '.findings[] | .vulnerability | "\(.package.name)@\(.package.version) \(.id)"' "$work/ward.json" | sort -u >"$work/w.txt"
    jq -r '.results[]?.packages[] | .package as $p | .vulnerabilities[]? | "\($p.name)@\($p.version) \(.id)"' "$work/osv.json" | sort -u >"$work/o.txt"
    echo "package/advisory pairs: ward $(wc -l <"$work/w.txt"), osv-scanner $(wc -l <"$work/o.txt"), both $(comm -12 "$work/w.txt" "$work/o.txt" | wc -l)"
  fi
  awk -v w="$w_s" -v o="$o_s" -v wm="$w_m" -v om="$o_m" 'BEGIN{
    if (w<=0) w=0.001
    printf "ward is %.1fx faster than osv-scanner; peak memory %.2fx of osv-scanner\n", o/w, wm/om }'
fi
