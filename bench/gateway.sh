#!/usr/bin/env bash
# bench/gateway.sh — what `ward gateway` costs in front of an upstream:
# requests/s, p50 and p99 latency and streaming time-to-first-byte of a
# fake OpenAI-compatible upstream (bench/fakeupstream) called directly and
# through Ward, and through nginx and Bifrost when they are given, with
# bench/loadgen. Everything listens on 127.0.0.1 and each run stops by itself.
#
#   bench/gateway.sh
#   NGINX=/tmp/peers/nginx/nginx BIFROST=/tmp/peers/bifrost/bifrost-http bench/gateway.sh
#   DURATION=5 CONNS="1 64" RUNS=3 bench/gateway.sh
#
# For a JSON and a streamed chat completion and each connection count in
# CONNS (default "1 64"), every target gets a run of DURATION seconds
# (default 10) after WARMUP seconds (default 1); the targets take turns, so
# a busy moment on the machine hits them alike, and with RUNS (default 1)
# above 1 the best run (most requests/s) of each is kept, as bench/lib.sh
# does. Printed: a table of every kept run; the latency each proxy adds at
# the lowest connection count (p50, p99, stream TTFB); its throughput as a
# share of direct at the highest; its peak RSS (VmHWM of it and its
# children, reset before each highest-connection run) and the peak of
# its anonymous part alone (RssAnon, sampled every 200 ms during those
# runs: what the proxy itself allocated, without the mapped pages of its
# binary, which VmHWM counts); whether it passes a
# stream on chunk by chunk (asked of the upstream by a request header: 20 ms
# between chunks); and the ratios ward/nginx and ward/bifrost.
#
# Ward: `ward gateway --upstream URL --listen ADDR --store PATH
# --upstream-key-env VAR` with a key from `ward keys issue --name bench
# --rpm --tpm --budget-usd` (limits far above what a run uses) in a fresh
# store in the temp dir. While the gateway is not in the build, the report
# says why and the rest still runs. WARD_ARGS adds flags to `ward gateway`;
# WARD_PATH (default /v1/chat/completions) is the path called on it;
# WARD=binary uses that ward instead of building ./cmd/ward. GUARD=1 adds a
# second Ward, "ward+g", with the guard on in block mode (default policy:
# injection, credentials and card/IBAN/SSN checks on every request; every
# answer, JSON or stream, through the answer checks with a link allow-list),
# so the report shows what the guard adds.
#
# nginx (NGINX=binary, e.g. Debian's nginx-light): a plain reverse proxy,
# proxy_buffering and proxy_request_buffering off, HTTP/1.1 keep-alive to
# the upstream, worker_processes auto, access log off; config in the temp
# dir, run as `$NGINX -p DIR -c DIR/nginx.conf -e DIR/error.log`.
#
# Bifrost (BIFROST=bifrost-http binary): file mode, DIR/config.json with
# providers.openai.keys[0].value "env.BENCH_UPSTREAM_KEY" and
# network_config.base_url the fake upstream (allow_private_network, since it
# is on loopback), config and log stores off, run as
#   $BIFROST -app-dir DIR -host 127.0.0.1 -port PORT -log-level error
# and called at /v1/chat/completions with model "openai/gpt-4o-mini".
#
# Other knobs: CHUNKS (default 8) streamed chunks per answer; CHUNK_DELAY
# (milliseconds, default 0) between them; KEEP=1 keeps the temp dir (logs,
# each run's JSON). Loadgen, the upstream and the proxy share the
# machine's cores: compare rows of one report, not reports of two machines.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10}
warmup=${WARMUP:-1}
runs=${RUNS:-1}
read -r -a conns <<<"${CONNS:-1 64}"
chunks=${CHUNKS:-8}
chunk_delay=${CHUNK_DELAY:-0}
lo=${conns[0]} hi=${conns[${#conns[@]}-1]}
work=$(mktemp -d)
pids=()
targets=()
declare -A t_url t_model t_auth t_pid
cleanup() {
  local p
  for p in "${pids[@]}"; do stop "$p"; done
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
export GOFLAGS=${GOFLAGS:--buildvcs=false}

# --- processes -------------------------------------------------------------

# start LOG CMD...: runs CMD in the background; its pid is in $started.
start() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  started=$!
  pids+=("$started")
}

# stop PID: ends a process this script started and waits for it.
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# wait_port PORT SECONDS PID: until something listens on PORT, while PID lives.
wait_port() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# tree PID: PID and its descendants.
tree() {
  echo "$1"
  local c
  for c in $(pgrep -P "$1" || true); do tree "$c"; done
}

# reset_peak PID: restarts VmHWM of PID's tree (Linux clear_refs 5).
reset_peak() {
  local p
  for p in $(tree "$1"); do echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true; done
}

# peak_kib PID: the sum of VmHWM over PID's tree.
peak_kib() {
  local p sum=0 v
  for p in $(tree "$1"); do
    v=$(awk '/^VmHWM:/{print $2}' "/proc/$p/status" 2>/dev/null || true)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

# anon_sampler PID FILE: appends the sum of RssAnon over PID's tree (KiB)
# to FILE every 200 ms until killed. The kernel keeps no peak of the
# anonymous part alone; VmHWM also counts the pages of the binary that
# are mapped (file-backed, shared, reclaimable).
anon_sampler() {
  local p sum v
  while :; do
    sum=0
    for p in $(tree "$1"); do
      v=$(awk '/^RssAnon:/{print $2}' "/proc/$p/status" 2>/dev/null || true)
      sum=$((sum + ${v:-0}))
    done
    echo "$sum" >>"$2"
    sleep 0.2
  done
}

# --- load ------------------------------------------------------------------

# jget FILE KEY: a number (or "string") from loadgen's one-line JSON.
jget() { sed -n "s/.*\"$2\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" "$1" 2>/dev/null; }

streamed() { [ "$1" = stream ] || [ "$1" = flush ]; }

body() { # MODE MODEL: a chat completion request, streamed or not
  local stream=""
  if streamed "$1"; then stream=',"stream":true,"stream_options":{"include_usage":true}'; fi
  printf '{"model":"%s","messages":[{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":32%s}' "$2" "$stream"
}

# load TARGET MODE CONNS OUT [loadgen flags...]: one loadgen run, its JSON in OUT.
load() {
  local t=$1 mode=$2 c=$3 out=$4 args=()
  shift 4
  [ -n "${t_auth[$t]}" ] && args+=(-H "Authorization: Bearer ${t_auth[$t]}")
  if streamed "$mode"; then args+=(-stream -expect '[DONE]'); else args+=(-expect '"usage"'); fi
  "$work/loadgen" -url "${t_url[$t]}" -c "$c" -body "$(body "$mode" "${t_model[$t]}")" "${args[@]}" "$@" >"$out" 2>"$out.err" || true
}

# admit TARGET URL MODEL AUTH PID: a target is measured if one request
# through it succeeds; then whether it streams chunk by chunk is noted.
admit() {
  local t=$1 f=$work/$1-smoke.json
  t_url[$t]=$2 t_model[$t]=$3 t_auth[$t]=$4 t_pid[$t]=$5
  load "$t" json 1 "$f" -n 1 -d 20s
  if [ "$(jget "$f" ok)" != 1 ]; then
    skip "$t" "a test request failed: status $(jget "$f" first_non_2xx_status) $(jget "$f" first_error) $(cat "$f.err")"
    return 1
  fi
  flush_check "$t"
  targets+=("$t")
}

# flush_check TARGET: does it pass a stream on chunk by chunk?
flush_check() {
  local f=$work/$1-flush.json ttfb total
  load "$1" flush 1 "$f" -n 3 -d 30s -H "X-Bench-Chunk-Delay: 20ms"
  ttfb=$(jget "$f" ttfb_p50_ms) total=$(jget "$f" p50_ms)
  awk -v t="${ttfb:-0}" -v all="${total:-0}" -v n="$chunks" 'BEGIN{
    if (all == 0) { print "unknown (stream failed)"; exit }
    if (n < 2 || all < 20*(n-1)*0.8) { print "unknown (delay header not passed on)"; exit }
    if (t < all/2) printf "chunk by chunk (first byte %.0f of %.0f ms)\n", t, all
    else printf "BUFFERED (first byte %.0f of %.0f ms)\n", t, all }' >"$work/$1.flush"
}

# measure: every mode, connection count and run, the targets taking turns;
# keeps each target's best run in results.tsv.
measure() {
  local mode c r t f best sampler
  for mode in json stream; do
    for c in "${conns[@]}"; do
      for r in $(seq "$runs"); do
        for t in "${targets[@]}"; do
          f=$work/$t-$mode-$c-$r.json
          sampler=
          if [ "${t_pid[$t]}" != 0 ] && [ "$c" = "$hi" ]; then
            reset_peak "${t_pid[$t]}"
            anon_sampler "${t_pid[$t]}" "$work/$t.anon" &
            sampler=$!
          fi
          load "$t" "$mode" "$c" "$f" -d "${duration}s" -warmup "${warmup}s"
          if [ -n "$sampler" ]; then
            kill "$sampler" 2>/dev/null || true
            wait "$sampler" 2>/dev/null || true
            peak_kib "${t_pid[$t]}" >>"$work/$t.rss"
          fi
          if [ -s "$f.err" ]; then echo "$t $mode c=$c:" >&2; cat "$f.err" >&2; fi
        done
      done
      for t in "${targets[@]}"; do
        best=$(for f in "$work/$t-$mode-$c-"*.json; do echo "$(jget "$f" rps) $f"; done | sort -gr | head -n1 | cut -d' ' -f2)
        row "$t" "$mode" "$c" "$best" >>"$work/results.tsv"
      done
    done
  done
}

row() { # TARGET MODE CONNS FILE: one results.tsv line
  local f=$4 e n
  e=$(jget "$f" errors) n=$(jget "$f" non_2xx)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" \
    "$(jget "$f" rps)" "$(jget "$f" p50_ms)" "$(jget "$f" p99_ms)" \
    "$(jget "$f" ttfb_p50_ms)" "$(jget "$f" ttfb_p99_ms)" "${e:-?}" "${n:-?}" \
    "$(jget "$f" first_error)$(s=$(jget "$f" first_non_2xx_status); [ -n "$s" ] && echo " first non-2xx: $s")"
}

skip() { # NAME REASON
  echo "$1: $2" >>"$work/skipped"
  echo "$1: not measured: $2" >&2
}

# --- targets ---------------------------------------------------------------

setup_nginx() {
  local port dir=$work/nginx
  port=$(free_port)
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  upstream fake {
    server $fake;
    keepalive 256;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
EOF
  start "$dir/stderr.log" "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
  local pid=$started
  if ! wait_port "$port" 10 "$pid"; then
    skip nginx "did not start: $(tail -n3 "$dir/stderr.log" "$dir/error.log" 2>/dev/null | tr '\n' ' ')"
    return
  fi
  admit nginx "http://127.0.0.1:$port/v1/chat/completions" gpt-4o-mini "$BENCH_UPSTREAM_KEY" "$pid" || true
}

setup_ward() { # NAME [ward gateway flags...]
  local name=$1
  shift
  if [ -n "$ward_build_error" ]; then skip "$name" "could not build ward: $ward_build_error"; return; fi
  if ! "$work/ward" gateway --help >"$work/ward-help.log" 2>&1; then
    skip "$name" "\`ward gateway\` is not in this build yet ($(head -n1 "$work/ward-help.log"))"
    return
  fi
  local port key store=${WARD_STORE:-$work/$name.db}
  if ! key=$("$work/ward" keys issue --name bench --rpm 100000000 --tpm 100000000000 --budget-usd 1000000000 \
    --store "$store" 2>"$work/$name-keys.log" | awk 'NF{k=$NF} END{print k}') || [ -z "$key" ]; then
    skip "$name" "\`ward keys issue\` failed: $(head -n3 "$work/$name-keys.log" | tr '\n' ' ')"
    return
  fi
  port=$(free_port)
  # shellcheck disable=SC2086 # WARD_ARGS is a list of flags
  start "$work/$name-gateway.log" "$work/ward" gateway --upstream "${WARD_UPSTREAM:-http://$fake}" \
    --listen "127.0.0.1:$port" --store "$store" --upstream-key-env BENCH_UPSTREAM_KEY "$@" ${WARD_ARGS:-}
  local pid=$started
  if ! wait_port "$port" 20 "$pid"; then
    skip "$name" "\`ward gateway\` did not start listening: $(tail -n3 "$work/$name-gateway.log" | tr '\n' ' ')"
    return
  fi
  admit "$name" "http://127.0.0.1:$port${WARD_PATH:-/v1/chat/completions}" gpt-4o-mini "$key" "$pid" || true
}

setup_ward_guard() {
  printf 'gateway:\n  guard:\n    mode: block\n    output: {allowed_domains: [example.com]}\n' >"$work/guard.yaml"
  setup_ward ward+g --config "$work/guard.yaml"
}

setup_bifrost() {
  local port dir=$work/bifrost
  port=$(free_port)
  mkdir -p "$dir"
  cat >"$dir/config.json" <<EOF
{
  "client": {"drop_excess_requests": false, "enable_logging": false, "initial_pool_size": 1000},
  "providers": {
    "openai": {
      "keys": [{"name": "bench", "value": "env.BENCH_UPSTREAM_KEY", "models": ["*"], "weight": 1.0}],
      "network_config": {"base_url": "http://$fake", "allow_private_network": true,
        "default_request_timeout_in_seconds": 30, "max_retries": 0},
      "concurrency_and_buffer_size": {"concurrency": 1000, "buffer_size": 5000}
    }
  },
  "config_store": {"enabled": false},
  "logs_store": {"enabled": false}
}
EOF
  start "$dir/stderr.log" "$BIFROST" -app-dir "$dir" -host 127.0.0.1 -port "$port" -log-level error
  local pid=$started
  if ! wait_port "$port" 60 "$pid"; then
    skip bifrost "did not start listening: $(tail -n3 "$dir/stderr.log" | tr '\n' ' ')"
    return
  fi
  admit bifrost "http://127.0.0.1:$port/v1/chat/completions" openai/gpt-4o-mini "" "$pid" || true
}

# --- report ----------------------------------------------------------------

report() {
  echo
  printf '%-8s %-6s %5s %10s %8s %8s %9s %9s %6s %7s\n' target mode conns req/s "p50 ms" "p99 ms" "ttfb p50" "ttfb p99" errors non-2xx
  awk -F'\t' '{ printf "%-8s %-6s %5s %10.0f %8.3f %8.3f %9s %9s %6s %7s%s\n", $1, $2, $3, $4, $5, $6,
    ($7 == "" ? "-" : sprintf("%.3f", $7)), ($8 == "" ? "-" : sprintf("%.3f", $8)), $9, $10, ($11 == "" ? "" : "  " $11) }' "$work/results.tsv"
  [ -s "$work/skipped" ] && { echo; sed 's/^/not measured: /' "$work/skipped"; }
  has direct || return 0
  echo
  echo "fake upstream alone streams: $(cat "$work/direct.flush" 2>/dev/null || echo unknown)"
  echo "added to direct: latency at $lo connection(s); throughput and peak RSS at $hi:"
  printf '%-8s %9s %9s %10s %10s %11s %12s %9s %9s  %s\n' proxy "+p50 ms" "+p99 ms" "+ttfb p50" "+ttfb p99" "json rps" "stream rps" "peak MiB" "anon MiB" "streaming"
  local t
  for t in nginx ward ward+g bifrost; do
    if has "$t"; then summary "$t"; fi
  done >"$work/summary.tsv"
  awk -F'\t' '{ printf "%-8s %9.3f %9.3f %10.3f %10.3f %10.1f%% %11.1f%% %9.1f %9.1f  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $10, $9 }' "$work/summary.tsv"
  ratios nginx
  ratios bifrost
  ratios ward+g
}

has() { printf '%s\n' "${targets[@]}" | grep -qx "$1"; }

# val TARGET MODE CONNS COLUMN: one figure from results.tsv.
val() { awk -F'\t' -v n="$1" -v m="$2" -v c="$3" -v k="$4" '$1==n && $2==m && $3==c { print ($k == "" ? 0 : $k) }' "$work/results.tsv"; }

summary() { # PROXY: tab-separated figures added to direct
  local p=$1
  awk -v p="$p" -v dp50="$(val direct json "$lo" 5)" -v pp50="$(val "$p" json "$lo" 5)" \
    -v dp99="$(val direct json "$lo" 6)" -v pp99="$(val "$p" json "$lo" 6)" \
    -v dt50="$(val direct stream "$lo" 7)" -v pt50="$(val "$p" stream "$lo" 7)" \
    -v dt99="$(val direct stream "$lo" 8)" -v pt99="$(val "$p" stream "$lo" 8)" \
    -v dj="$(val direct json "$hi" 4)" -v pj="$(val "$p" json "$hi" 4)" \
    -v ds="$(val direct stream "$hi" 4)" -v ps="$(val "$p" stream "$hi" 4)" \
    -v rss="$(sort -n "$work/$p.rss" 2>/dev/null | tail -n1)" -v fl="$(cat "$work/$p.flush" 2>/dev/null || echo unknown)" \
    -v anon="$(sort -n "$work/$p.anon" 2>/dev/null | tail -n1)" 'BEGIN{
      printf "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f\t%s\t%.1f\n", p, pp50-dp50, pp99-dp99, pt50-dt50, pt99-dt99,
        (dj > 0 ? 100*pj/dj : 0), (ds > 0 ? 100*ps/ds : 0), rss/1024, fl, anon/1024 }'
}

ratios() { # PEER: ward's figures over the peer's (for ward+g: over the guard's)
  has ward && has "$1" || return 0
  awk -F'\t' -v peer="$1" '$1=="ward"{ for (i=2;i<=8;i++) w[i]=$i } $1==peer{ for (i=2;i<=8;i++) o[i]=$i }
    function r(a, b) { return b > 0 ? sprintf("%.2fx", a/b) : "-" }
    END{ printf "ward/%s: added p50 %s, added p99 %s, added ttfb p50 %s; json rps %s, stream rps %s; peak RSS %s\n",
      peer, r(w[2],o[2]), r(w[3],o[3]), r(w[4],o[4]), r(w[6],o[6]), r(w[7],o[7]), r(w[8],o[8]) }' "$work/summary.tsv"
}

# --- main ------------------------------------------------------------------

(cd "$here" && go build -trimpath -o "$work/fakeupstream" ./bench/fakeupstream && go build -trimpath -o "$work/loadgen" ./bench/loadgen)
ward_build_error=""
if [ -n "${WARD:-}" ]; then
  cp "$WARD" "$work/ward"
elif ! (cd "$here" && go build -trimpath -o "$work/ward" ./cmd/ward) 2>"$work/ward-build.log"; then
  ward_build_error=$(head -n3 "$work/ward-build.log" | tr '\n' ' ')
fi

# The provider key the fake upstream demands and the proxies put on each
# request: random, made here.
BENCH_UPSTREAM_KEY=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export BENCH_UPSTREAM_KEY
start "$work/fake.log" "$work/fakeupstream" -listen 127.0.0.1:0 -chunks "$chunks" -chunk-delay "${chunk_delay}ms" -key-env BENCH_UPSTREAM_KEY
fake=""
for _ in $(seq 100); do fake=$(head -n1 "$work/fake.log" 2>/dev/null || true); [ -n "$fake" ] && break; sleep 0.05; done
[ -n "$fake" ] || { echo "bench/gateway.sh: the fake upstream did not start: $(cat "$work/fake.log")" >&2; exit 1; }

echo "fake upstream $fake ($chunks chunks, $chunk_delay ms apart); ${duration} s per run after ${warmup} s warm-up, best of $runs; connections: ${conns[*]}; $(nproc) cores shared by loadgen, upstream and proxy"
admit direct "http://$fake/v1/chat/completions" gpt-4o-mini "$BENCH_UPSTREAM_KEY" 0 ||
  { echo "bench/gateway.sh: the fake upstream does not answer" >&2; exit 1; }
if [ -n "${NGINX:-}" ]; then setup_nginx; fi
setup_ward ward
if [ "${GUARD:-}" = 1 ]; then setup_ward_guard; fi
if [ -n "${BIFROST:-}" ]; then setup_bifrost; fi
: >"$work/results.tsv"
measure
report
