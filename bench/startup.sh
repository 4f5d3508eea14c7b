#!/usr/bin/env bash
# Start-up time and idle memory of the published server.
#   bench/startup.sh [runs]      (default 10)
# Publishes Release once, then per run: a fresh data directory, start `parley`, time until
# /readyz answers 200 (polled every 10 ms), read VmRSS 5 s after ready; then a warm start on the
# same, already migrated directory, measured the same way. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
idle_seconds=5

work=$(mktemp -d /tmp/parley-startup.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "publishing Release to $work/app ..." >&2
# SkipWebBuild: the web app does not change start-up of the API; harmless where the property does not exist.
# As shipped: Release, ReadyToRun for this machine (see src/Parley/Parley.csproj).
dotnet publish src/Parley -c Release -r linux-x64 --self-contained false -o "$work/app" -p:SkipWebBuild=true --nologo -v q >&2


# 0 when GET /readyz answers 200 (bash's /dev/tcp: no process per poll to skew the timing).
ready() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -t 5 status <&3 || exit 1
    [[ $status == "HTTP/1.1 200"* ]]
  ) 2>/dev/null
}

now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }

# measure DIR: sets ms (to ready) and rss (idle, KiB); runs in this shell so the EXIT trap can stop the server
measure() {
  local dir=$1 port start
  port=$(scripts/free-port.sh)
  start=$(now_us)
  (cd "$dir" && PARLEY__STORAGE__DATADIRECTORY="$dir/data" PARLEY__ADMIN__PASSWORD=benchmark-password \
     exec "$work/app/parley" --urls "http://127.0.0.1:$port" >>"$dir/server.log" 2>&1) &
  pid=$!
  until ready "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "parley exited before it was ready:" >&2; cat "$dir/server.log" >&2; exit 1; fi
    if [ $(( $(now_us) - start )) -gt 120000000 ]; then echo "not ready after 120 s" >&2; exit 1; fi
    sleep 0.01
  done
  ms=$(( ($(now_us) - start) / 1000 ))
  sleep "$idle_seconds"
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

cold_ms=(); cold_rss=(); warm_ms=(); warm_rss=()
for i in $(seq 1 "$runs"); do
  dir="$work/run-$i"; mkdir -p "$dir"
  measure "$dir"; cold_ms+=("$ms"); cold_rss+=("$rss")
  measure "$dir"; warm_ms+=("$ms"); warm_rss+=("$rss")
  echo "run $i/$runs: cold ${cold_ms[-1]} ms, ${cold_rss[-1]} KiB; warm ${warm_ms[-1]} ms, ${warm_rss[-1]} KiB" >&2
done

# stats SCALE VALUES... -> "min | median | max" (values divided by SCALE)
stats() {
  local scale=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v s="$scale" '{ v[NR] = $1 / s } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    fmt = (s == 1) ? "%d | %d | %d" : "%.1f | %.1f | %.1f";
    printf fmt "\n", v[1], m, v[NR] }'
}

echo
echo "Parley $(git describe --always --dirty 2>/dev/null || echo '?'), $runs runs, $(nproc) cores, .NET $(dotnet --version), $(date -u +%Y-%m-%d)"
echo
echo "| measure | min | median | max |"
echo "|---|---|---|---|"
echo "| cold start to /readyz 200 (ms), fresh data directory | $(stats 1 "${cold_ms[@]}") |"
echo "| warm start to /readyz 200 (ms), migrated data directory | $(stats 1 "${warm_ms[@]}") |"
echo "| idle RSS ${idle_seconds} s after ready, cold start (MiB) | $(stats 1024 "${cold_rss[@]}") |"
echo "| idle RSS ${idle_seconds} s after ready, warm start (MiB) | $(stats 1024 "${warm_rss[@]}") |"
