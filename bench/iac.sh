#!/usr/bin/env bash
# bench/iac.sh [DIR] — time Ward's misconfiguration scan of an IaC tree
# (`ward scan DIR --scanners misconfig`) and, when peers are named, KICS and
# Checkov on the same tree. Prints seconds, peak memory and the number of
# findings for each, the tree's file counts, and Ward's ratio to each peer.
#
#   bench/iac.sh                                  # /tmp/bench-iac/terraform-aws-eks
#   KICS=/path/to/kics KICS_QUERIES=/path/to/kics/assets/queries bench/iac.sh DIR
#   CHECKOV=/path/to/checkov bench/iac.sh DIR
#
# KICS needs its query folder (assets/queries of its source) and gets
# --libraries-path from the libraries/ folder beside it. KICS looks for
# assets/similarityID_transition beside its binary (it only logs an error
# without it; results are the same), so link assets/ there. KICS counts results
# (query × file × line); Checkov counts failed checks. WARD names a prebuilt
# ward binary instead of building ./cmd/ward. Each tool runs RUNS times
# (default 3; KICS takes tens of seconds a run) and the best time is kept.
# Exit codes are ignored (all three exit non-zero when they find something);
# a tool that writes no report is reported as failed with its last error line.
set -euo pipefail
dir=${1:-/tmp/bench-iac/terraform-aws-eks}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$dir" ] || { echo "bench/iac.sh: no folder at $dir (pass one)" >&2; exit 2; }
dir=$(cd "$dir" && pwd)
command -v jq >/dev/null || { echo "bench/iac.sh: jq is needed to count findings" >&2; exit 2; }
if [ -n "${KICS:-}" ] && [ ! -d "${KICS_QUERIES:-}" ]; then
  echo "bench/iac.sh: KICS is set but KICS_QUERIES is not a folder: '${KICS_QUERIES:-}'" >&2; exit 2
fi

ward=${WARD:-$work/ward}
[ -n "${WARD:-}" ] || (cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward)

. "$(dirname "$0")/lib.sh"
report() { # name seconds peak_kib findings
  awk -v n="$1" -v s="$2" -v m="$3" -v f="$4" 'BEGIN{ printf "%-8s %8.2f s %8.1f MiB peak %6d findings\n", n, s, m/1024, f }'
}
failed() { # name report-file: explain a tool that wrote no report
  echo "$1: no report written ($2); last error: $(grep -v '^[[:space:]]*$' "$work/err" | tail -n1)"
}
ratio() { # peer peer_s peer_kib
  [ -n "$w_s" ] || return 0
  awk -v p="$1" -v w="$w_s" -v o="$2" -v wm="$w_m" -v om="$3" 'BEGIN{
    if (w<=0) w=0.001
    printf "ward is %.1fx faster than %s; peak memory %.2fx of %s\n", o/w, p, wm/om, p }'
}
count() { find "$dir" -name .git -prune -o -type f "$@" -print | wc -l; }

echo "tree: $dir; best of ${RUNS:-3} runs, $(nproc) cores"
echo "files: $(count -name '*.tf') .tf, $(count \( -name '*.yaml' -o -name '*.yml' \)) yaml," \
  "$(count \( -name 'Dockerfile*' -o -name '*.dockerfile' \)) Dockerfile, $(count) in all"

w_s="" w_m=""
read -r s m < <(best "$ward" scan "$dir" --scanners misconfig --no-progress -f json -o "$work/ward.json")
if [ -s "$work/ward.json" ]; then
  w_s=$s w_m=$m
  report ward "$w_s" "$w_m" "$(jq '.findings | length' "$work/ward.json")"
else
  failed ward "$work/ward.json"
fi

if [ -n "${KICS:-}" ]; then
  queries=$(cd "$KICS_QUERIES" && pwd)
  assets=$(dirname "$queries")
  kics=("$KICS" scan -p "$dir" -q "$queries" --report-formats json
    -o "$work/kics" --output-name kics --no-progress --disable-secrets --ci --no-color)
  [ -d "$assets/libraries" ] && kics+=(-b "$assets/libraries")
  read -r k_s k_m < <(best "${kics[@]}")
  if [ -s "$work/kics/kics.json" ]; then
    report kics "$k_s" "$k_m" "$(jq '.total_counter' "$work/kics/kics.json")"
    ratio KICS "$k_s" "$k_m"
  else
    failed kics "$work/kics/kics.json"
  fi
fi

if [ -n "${CHECKOV:-}" ]; then
  # Checkov prints its JSON on stdout, which best discards: redirect inside sh.
  read -r c_s c_m < <(best sh -c '"$0" -d "$1" -o json --quiet --compact >"$2"' "$CHECKOV" "$dir" "$work/checkov.json")
  if [ -s "$work/checkov.json" ]; then # one report object, or an array of them (one per framework)
    failed_checks=$(jq '[if type == "array" then .[] else . end | .summary.failed // 0] | add // 0' "$work/checkov.json")
    report checkov "$c_s" "$c_m" "$failed_checks"
    ratio Checkov "$c_s" "$c_m"
  else
    failed checkov "$work/checkov.json"
  fi
fi
