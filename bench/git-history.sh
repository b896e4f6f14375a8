#!/usr/bin/env bash
# bench/git-history.sh REPO [GIT-LOG-ARGS...] — time `ward scan --git`
# against plain `git log -p` on the same history (the cost floor) and, when
# GITLEAKS names a gitleaks binary, `gitleaks git`. GIT-LOG-ARGS default to
# --all; they may hold a pathspec: --all -- . ':(exclude)docs'
set -euo pipefail
repo=${1:?usage: bench/git-history.sh REPO [GIT-LOG-ARGS...]}
shift
[ $# -gt 0 ] || set -- --all
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"
(cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward)
logopts=$(printf '%q ' "$@")

commits=$(git -C "$repo" rev-list --count "$@" | tail -n1)
echo "repo: $repo, $commits commits ($*), best of ${RUNS:-3} runs"
report() { awk -v n="$1" -v s="$2" -v m="$3" 'BEGIN{printf "%-18s %8.2f s %8.1f MiB peak\n", n, s, m/1024}'; }
read -r git_s git_m < <(best git -C "$repo" log -p --full-history "$@")
report "git log -p" "$git_s" "$git_m"
read -r ward_s ward_m < <(best "$work/ward" scan "$repo" --git --log-opts "$logopts" --no-progress -f json -o "$work/ward.json")
report "ward scan --git" "$ward_s" "$ward_m"
awk -v w="$ward_s" -v g="$git_s" 'BEGIN{ if (g<=0) g=0.001; printf "ward/git-log time ratio: %.2f\n", w/g }'
if [ -n "${GITLEAKS:-}" ]; then
  read -r gl_s gl_m < <(best "$GITLEAKS" git "$repo" --no-banner --exit-code 0 --log-opts="$*" --report-format json --report-path "$work/gl.json" --log-level error)
  report "gitleaks git" "$gl_s" "$gl_m"
  awk -v w="$ward_s" -v g="$gl_s" 'BEGIN{ if (w<=0) w=0.001; printf "ward is %.1fx faster than gitleaks\n", g/w }'
fi
