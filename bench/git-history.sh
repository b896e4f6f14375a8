#!/usr/bin/env bash
# bench/git-history.sh REPO [RANGE] — time `ward scan --git` against plain
# `git log -p` on the same history (the cost floor), and, when GITLEAKS names
# a gitleaks binary, `gitleaks git`. RANGE defaults to --all.
set -euo pipefail
repo=${1:?usage: bench/git-history.sh REPO [RANGE]}
range=${2:---all}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward)

best() {
  local best_s=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
    read -r s m <"$work/t"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s best_m=$m; fi
  done
  echo "$best_s $best_m"
}

commits=$(git -C "$repo" rev-list --count $range)
echo "repo: $repo, $commits commits ($range), best of $runs runs"
read -r git_s git_m < <(best git -C "$repo" log -p --full-history $range)
printf '%-22s %8.2f s %8.1f MiB peak\n' "git log -p" "$git_s" "$(awk -v m="$git_m" 'BEGIN{print m/1024}')"
read -r ward_s ward_m < <(best "$work/ward" scan "$repo" --git --log-opts "$range" --no-progress -f json -o /dev/null)
printf '%-22s %8.2f s %8.1f MiB peak\n' "ward scan --git" "$ward_s" "$(awk -v m="$ward_m" 'BEGIN{print m/1024}')"
awk -v w="$ward_s" -v g="$git_s" 'BEGIN{ if (g<=0) g=0.001; printf "ward/git-log time ratio: %.2f\n", w/g }'
if [ -n "${GITLEAKS:-}" ]; then
  opts="--log-opts=$range"
  read -r gl_s gl_m < <(best "$GITLEAKS" git "$repo" --no-banner --exit-code 0 "$opts" --report-path "$work/gl.json" --log-level error)
  printf '%-22s %8.2f s %8.1f MiB peak\n' "gitleaks git" "$gl_s" "$(awk -v m="$gl_m" 'BEGIN{print m/1024}')"
  awk -v w="$ward_s" -v g="$gl_s" 'BEGIN{ if (w<=0) w=0.001; printf "ward is %.1fx faster than gitleaks\n", g/w }'
fi
