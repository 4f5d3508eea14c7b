#!/usr/bin/env bash
# Real-time fan-out of the Chat hub: messages per second and send-to-receive latency with 1, 100 and
# 1000 SignalR clients in one channel.
#   bench/chat-load.sh [--postgres] [--messages M] [--senders S] [--protocol json|messagepack] [--clients "1 100 1000"]
# Publishes the server and the driver (bench/Parley.ChatLoad) in Release, starts one Parley (SQLite in a
# temp data directory, or a throwaway PostgreSQL with --postgres) with cheap Argon2 and HTTP rate limits
# out of the way (they only concern /api; the hub is not rate-limited), runs the driver once per client
# count against a fresh server, and prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

postgres=""; messages=1000; senders=4; protocol=json; client_counts="1 100 1000"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=1; shift ;;
    --messages) messages=$2; shift 2 ;;
    --senders) senders=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --clients) client_counts=$2; shift 2 ;;
    *) echo "usage: $0 [--postgres] [--messages M] [--senders S] [--protocol json|messagepack] [--clients \"1 100 1000\"]" >&2; exit 2 ;;
  esac
done

# 1000 WebSockets on each side of loopback: two descriptors per client plus the server's.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -ge 4096 ] || echo "warning: ulimit -n is $(ulimit -n); 1000 clients need about 2100 descriptors" >&2

work=$(mktemp -d /tmp/parley-chat-load.XXXXXX)
pid=""; pgdir=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$pgdir" ]; then scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "publishing Release to $work ..." >&2
dotnet publish src/Parley -c Release -o "$work/app" -p:SkipWebBuild=true --nologo -v q >&2
dotnet publish bench/Parley.ChatLoad -c Release -o "$work/driver" --nologo -v q >&2

if [ -n "$postgres" ]; then
  # Its own temp directory: postgres.sh hands it to the postgres user, who cannot enter $work.
  pgdir=$(mktemp -d /tmp/parley-chat-load-pg.XXXXXX)
  pgport=$(scripts/free-port.sh)
  scripts/postgres.sh start "$pgdir" "$pgport" >/dev/null
fi

admin_password=benchmark-password
rows=()
for clients in $client_counts; do
  dir="$work/run-$clients"; mkdir -p "$dir/data"
  port=$(scripts/free-port.sh)
  storage=(PARLEY__STORAGE__PROVIDER=sqlite)
  if [ -n "$postgres" ]; then
    db="chat_load_$clients"
    psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $db" >/dev/null
    storage=(PARLEY__STORAGE__PROVIDER=postgres "PARLEY__STORAGE__CONNECTIONSTRING=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$db;Maximum Pool Size=100")
  fi
  (cd "$dir" && exec env "${storage[@]}" \
     PARLEY__STORAGE__DATADIRECTORY="$dir/data" PARLEY__ADMIN__USERNAME=admin PARLEY__ADMIN__PASSWORD="$admin_password" \
     PARLEY__AUTH__ARGON2__MEMORYKIB=1024 PARLEY__AUTH__ARGON2__ITERATIONS=1 PARLEY__AUTH__ARGON2__LANES=1 \
     PARLEY__HTTP__REQUESTSPERMINUTE=100000 PARLEY__HTTP__AUTHREQUESTSPERMINUTE=100000 \
     PARLEY__LOGGING__LOGLEVEL__DEFAULT=Warning \
     "$work/app/parley" --urls "http://127.0.0.1:$port" >"$dir/server.log" 2>&1) &
  pid=$!
  deadline=$((SECONDS + 120))
  until grep -q "Parley listening on" "$dir/server.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "parley exited before it listened:" >&2; cat "$dir/server.log" >&2; exit 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "parley did not listen within 120 s" >&2; exit 1; fi
    sleep 0.1
  done
  echo "== $clients clients" >&2
  out=$("$work/driver/parley-chat-load" --url "http://127.0.0.1:$port" --clients "$clients" --messages "$messages" \
          --senders "$senders" --protocol "$protocol" --admin-password "$admin_password" --pid "$pid" | tee /dev/stderr)
  result=$(grep '^RESULT ' <<<"$out" | tail -n 1)
  field() { grep -o " $1=[^ ]*" <<<"$result" | cut -d= -f2-; }
  rows+=("| $clients | $(field messages) | $(field senders) | $(field sent_per_s) | $(field delivered_per_s) | $(field delivered) | $(field p50_ms) | $(field p99_ms) | $(field max_ms) | $(field rss | tr _ ' ') |")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done

echo
echo "Storage: $([ -n "$postgres" ] && echo PostgreSQL || echo SQLite); protocol $protocol; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| clients | messages | senders | sent msg/s | deliveries/s | delivered | p50 ms | p99 ms | max ms | server memory |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
