#!/usr/bin/env bash
# Starts or stops a throwaway Redis on loopback for tests (the Chat backplane's two-node test).
#   scripts/redis.sh start DIR PORT   prints host:port once it answers PING
#   scripts/redis.sh stop DIR
# Nothing is persisted: no RDB snapshots, no AOF.
set -euo pipefail
case "${1:-}" in
  start)
    dir=${2:?dir}; port=${3:?port}
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" \
      --logfile "$dir/log" --save "" --appendonly no >/dev/null
    deadline=$((SECONDS + 30))
    until [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ]; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "redis-server did not answer PING on port $port within 30 s" >&2
        tail -n 20 "$dir/log" >&2 2>/dev/null || true
        exit 1
      fi
      sleep 0.1
    done
    echo "127.0.0.1:$port"
    ;;
  stop)
    dir=${2:?dir}
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      # Wait (bounded) so the port is free when this returns.
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
