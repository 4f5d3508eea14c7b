#!/usr/bin/env bash
# SMTP receiving throughput: Postfix's smtp-source against Parley's SMTP server, and in the same run
# against Postfix's smtp-sink (which accepts and throws away: the protocol-only ceiling on this machine).
#   bench/smtp-load.sh [--sessions S] [--messages M] [--size BYTES] [--reuse]
# Defaults: 20 sessions, 5000 messages of 10 KiB, a new connection per message (smtp-source's default;
# --reuse passes -d, many messages per connection). Parley is the Release build, SQLite in a fresh data
# directory, one domain bench.test with the inbox box@bench.test inserted into mail.db after the first
# start migrated it. Prints msg/s for both and checks every message Parley acknowledged is stored.
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=20; messages=5000; size=10240; reuse=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions=$2; shift 2 ;;
    --messages) messages=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --reuse) reuse=(-d); shift ;;
    *) echo "usage: $0 [--sessions S] [--messages M] [--size BYTES] [--reuse]" >&2; exit 2 ;;
  esac
done
for tool in /usr/sbin/smtp-source /usr/sbin/smtp-sink /usr/sbin/dnsmasq sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install postfix dnsmasq-base sqlite3)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/parley-smtp-load.XXXXXX)
pid=""; sink=""; dns=""
cleanup() {
  if [ -n "$dns" ]; then kill "$dns" 2>/dev/null || true; wait "$dns" 2>/dev/null || true; fi
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$sink" ]; then kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Seconds (with fractions) smtp-source takes to send every message to 127.0.0.1:$1.
timed_source() {
  local start end
  start=$(date +%s.%N)
  /usr/sbin/smtp-source -s "$sessions" -m "$messages" -l "$size" "${reuse[@]}" -f sender@client.test -t box@bench.test "127.0.0.1:$1" >&2
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
rate() { printf '%.0f' "$(echo "$messages / $1" | bc -l)"; }

echo "publishing Release to $work ..." >&2
dotnet publish src/Parley -c Release -o "$work/app" -p:SkipWebBuild=true --nologo -v q >&2

# The ceiling: smtp-sink answers every command at once and stores nothing.
sink_port=$(scripts/free-port.sh)
sink_user=(); [ "$(id -u)" = 0 ] && sink_user=(-u nobody)
/usr/sbin/smtp-sink "${sink_user[@]}" "127.0.0.1:$sink_port" 256 &
sink=$!
sleep 0.5
sink_seconds=$(timed_source "$sink_port")
kill "$sink"; wait "$sink" 2>/dev/null || true; sink=""

# Received mail is checked (SPF, DKIM, DMARC) as in production; a local resolver answers for the sender's
# domain, as a server's caching resolver would, so the run measures Parley and not DNS timeouts.
dns_port=$(scripts/free-port.sh)
dns_user=(); [ "$(id -u)" = 0 ] && dns_user=(--user=root)
/usr/sbin/dnsmasq --keep-in-foreground --port="$dns_port" --listen-address=127.0.0.1 --bind-interfaces --no-resolv \
  --no-hosts --pid-file= --conf-file=/dev/null "${dns_user[@]}" --local=/client.test/ \
  --txt-record=client.test,"v=spf1 ip4:127.0.0.1 -all" --txt-record=_dmarc.client.test,"v=DMARC1; p=none" &
dns=$!

smtp_port=$(scripts/free-port.sh)
mkdir -p "$work/run/data"
(cd "$work/run" && exec env PARLEY__STORAGE__PROVIDER=sqlite PARLEY__STORAGE__DATADIRECTORY="$work/run/data" \
   PARLEY__ADMIN__PASSWORD=benchmark-password PARLEY__LOGGING__LOGLEVEL__DEFAULT=Warning \
   PARLEY__MAIL__HOSTNAME=mx.bench.test PARLEY__MAIL__DNSSERVER="127.0.0.1:$dns_port" PARLEY__MAIL__SMTP__PORT="$smtp_port" PARLEY__MAIL__SMTP__MAXSESSIONS=1000 \
   "$work/app/parley" >"$work/server.log" 2>&1) &
pid=$!
deadline=$((SECONDS + 120))
until grep -q "SMTP listening on" "$work/server.log" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "parley exited before it listened:" >&2; cat "$work/server.log" >&2; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then echo "parley did not listen within 120 s" >&2; exit 1; fi
  sleep 0.1
done
sqlite3 "$work/run/data/mail.db" <<'SQL'
PRAGMA busy_timeout = 5000;
INSERT INTO domains (id, name, dkim_tokens, mx_verified, spf_verified, dkim_verified, dmarc_verified, dkim_selector, created_at, updated_at)
VALUES ('0192F0C4-0000-7000-8000-000000000001', 'bench.test', '[]', 0, 0, 0, 0, 'parley', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO inboxes (id, domain_id, name, local_part, is_catchall, created_at, updated_at)
VALUES ('0192F0C4-0000-7000-8000-000000000002', '0192F0C4-0000-7000-8000-000000000001', 'Box', 'box', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
SQL
parley_seconds=$(timed_source "$smtp_port")
stored=$(sqlite3 "$work/run/data/mail.db" "SELECT count(*) FROM messages")
rss=$(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status")
if grep -qE "fail|error" "$work/server.log"; then echo "server log:" >&2; grep -E "fail|error" "$work/server.log" | head -n 20 >&2; fi

echo
echo "smtp-source -s $sessions -m $messages -l $size ${reuse[*]}; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| server | seconds | msg/s | stored |"
echo "|---|---|---|---|"
printf '| smtp-sink (protocol only) | %.1f | %s | — |\n' "$sink_seconds" "$(rate "$sink_seconds")"
printf '| Parley (SQLite) | %.1f | %s | %s |\n' "$parley_seconds" "$(rate "$parley_seconds")" "$stored"
echo "Parley RSS after the run: $rss"
