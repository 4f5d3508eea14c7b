#!/usr/bin/env bash
# Prints a TCP port on 127.0.0.1 that nothing answers on, for a throwaway server
# (PostgreSQL, Redis, Dovecot, a benchmark run). Exits 1 if none is found in 100 tries.
for _ in $(seq 1 100); do
  port=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; exit 0; fi
done
exit 1
