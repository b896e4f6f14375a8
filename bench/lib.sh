# Shared by the bench scripts: run a command RUNS times and keep the best.

# best CMD...: prints "seconds peak_kib" of the fastest of RUNS runs.
best() {
  local best_s="" best_m="" s m
  for _ in $(seq "${RUNS:-3}"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
    read -r s m < <(tail -n1 "$work/t")
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s best_m=$m; fi
  done
  echo "$best_s $best_m"
}
