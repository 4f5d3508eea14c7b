#!/usr/bin/env bash
# Starts or stops a throwaway ClamAV daemon on loopback for Triage's antivirus tests (Debian's clamav-daemon).
#   scripts/clamd.sh start DIR PORT   clamd on 127.0.0.1:PORT (TCP only); returns once it answers PING
#   scripts/clamd.sh stop DIR
# Everything lives in DIR: its own clamd.conf (the system's /etc/clamav is never read), the log (DIR/clamd.log), the
# pid file, and a database directory holding only one custom signature — there is no internet for freshclam, and a
# one-line database starts clamd in a second. The signature (an .hdb line, md5:size:name) matches the exact bytes of
# the test payload below, reported as "Parley.Test.Payload.UNOFFICIAL FOUND"; nothing else is ever found.
set -euo pipefail

payload='PARLEY-TRIAGE-ANTIVIRUS-TEST-PAYLOAD-NOT-A-VIRUS'

case "${1:-}" in
  start)
    dir=$(realpath -m "${2:?dir}"); port=${3:?port}
    binary=$(command -v clamd || echo /usr/sbin/clamd)
    [ -x "$binary" ] || { echo "clamd is not installed (apt-get install clamav-daemon)" >&2; exit 1; }
    mkdir -p "$dir/db" "$dir/tmp"
    md5=$(printf '%s' "$payload" | md5sum | cut -d' ' -f1)
    printf '%s:%s:Parley.Test.Payload\n' "$md5" "${#payload}" > "$dir/db/parley-test.hdb"
    cat > "$dir/clamd.conf" <<CONF
# Written by scripts/clamd.sh for one test run; not a production configuration.
Foreground yes
TCPSocket $port
TCPAddr 127.0.0.1
DatabaseDirectory $dir/db
TemporaryDirectory $dir/tmp
LogFile $dir/clamd.log
PidFile $dir/clamd.pid
MaxConnectionQueueLength 30
StreamMaxLength 25M
CONF
    if [ "$(id -u)" = 0 ]; then echo "User root" >> "$dir/clamd.conf"; fi
    # Foreground: clamd stays this process (no daemonising), its pid in DIR/clamd.pid.
    nohup "$binary" --config-file="$dir/clamd.conf" > "$dir/stdout.log" 2>&1 &
    echo $! > "$dir/clamd.pid"
    for _ in $(seq 1 300); do
      if [ "$( (exec 3<>/dev/tcp/127.0.0.1/"$port" && printf 'zPING\0' >&3 && head -c 4 <&3) 2>/dev/null)" = PONG ]; then
        echo "127.0.0.1:$port"; exit 0
      fi
      kill -0 "$(cat "$dir/clamd.pid")" 2>/dev/null || { echo "clamd exited:" >&2; cat "$dir/stdout.log" "$dir/clamd.log" >&2 2>/dev/null; exit 1; }
      sleep 0.1
    done
    echo "clamd did not answer PING within 30s" >&2; cat "$dir/clamd.log" >&2 2>/dev/null; exit 1
    ;;
  payload)
    printf '%s' "$payload"
    ;;
  stop)
    dir=$(realpath -m "${2:?dir}")
    if [ -f "$dir/clamd.pid" ]; then
      pid=$(cat "$dir/clamd.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | payload | stop DIR" >&2; exit 2 ;;
esac
