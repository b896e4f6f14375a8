#!/usr/bin/env bash
# bench/secrets.sh DIR — time `ward scan DIR` and, when GITLEAKS names a
# gitleaks binary, `gitleaks dir DIR` on the same tree, plus `cat` of the same
# files. Prints bytes, seconds, MB/s and peak memory for each, and the ratios.
#
#   GITLEAKS=/path/to/gitleaks bench/secrets.sh /path/to/big/tree
#
# Each tool runs RUNS times (default 3) after one warm-up read of the tree;
# the best time is reported. Reports go to a scratch folder.
set -euo pipefail
dir=${1:?usage: bench/secrets.sh DIR}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward)

bytes=$(find "$dir" -type f -print0 | du -cb --files0-from=- | tail -n1 | cut -f1)
find "$dir" -type f -print0 | xargs -0 cat >/dev/null # warm the page cache

. "$(dirname "$0")/lib.sh"

report() { # name seconds peak_kib
  awk -v n="$1" -v s="$2" -v m="$3" -v b="$bytes" 'BEGIN{
    if (s <= 0) s = 0.001
    printf "%-9s %12d bytes %8.2f s %9.1f MB/s %8.1f MiB peak\n", n, b, s, b/s/1e6, m/1024 }'
}

echo "tree: $dir ($bytes bytes), best of $runs runs, $(nproc) cores"
read -r cat_s cat_m < <(best sh -c "find '$dir' -type f -print0 | xargs -0 cat")
report cat "$cat_s" "$cat_m"
read -r ward_s ward_m < <(best "$work/ward" scan "$dir" --no-progress -f json -o "$work/ward.json")
report ward "$ward_s" "$ward_m"
awk -v w="$ward_s" -v c="$cat_s" 'BEGIN{ if (c<=0) c=0.001; printf "ward/cat time ratio: %.2f\n", w/c }'
if [ -n "${GITLEAKS:-}" ]; then
  read -r gl_s gl_m < <(best "$GITLEAKS" dir "$dir" --no-banner --exit-code 0 --report-format json --report-path "$work/gl.json" --log-level error)
  report gitleaks "$gl_s" "$gl_m"
  awk -v w="$ward_s" -v g="$gl_s" -v wm="$ward_m" -v gm="$gl_m" 'BEGIN{
    if (w<=0) w=0.001
    printf "ward is %.1fx gitleaks throughput; peak memory %.2fx of gitleaks\n", g/w, wm/gm }'
fi
