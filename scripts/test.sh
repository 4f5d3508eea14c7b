#!/usr/bin/env bash
# The one command that runs the whole suite on a fresh Debian 12 machine with the .NET 10 SDK:
# installs what is missing, starts a throwaway PostgreSQL, builds once, runs every .NET test
# project and the browser tests, and ends with one line: "N passed, M failed".
# A step that fails (install, build, a test host that crashes) counts as one failure, so a
# broken build can never end in "0 failed".
#   ./scripts/test.sh            everything
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the tests need. Modules add theirs here (dovecot-imapd, swaks, python3-aiosmtpd, redis-server, ...).
packages=(
  postgresql   # a throwaway cluster per run (scripts/postgres.sh)
  chromium     # the web app's browser tests
  sqlite3      # inspecting backups by hand; the tests use Microsoft.Data.Sqlite
  redis-server # the Chat backplane's two-node test (scripts/redis.sh)
  swaks python3-aiosmtpd python3-dkim  # Mail: real SMTP clients, a receiving SMTP server, an independent DKIM verifier
  postfix      # Mail: smtp-source / smtp-sink for the SMTP benchmark (no service is started)
  dnsmasq-base # Mail: a real DNS server for domain verification and SPF/DKIM/DMARC tests (TestDnsServer)
  dovecot-imapd # Triage: a throwaway IMAP server per test class (scripts/dovecot.sh, TestImapServer)
  clamav-daemon # Triage: a throwaway clamd for the antivirus test (scripts/clamd.sh, TestClamd)
)

passed=0
failed=0
summary=()
results=$(mktemp -d /tmp/parley-test-results.XXXXXX)
pgdir=""
redisdir=""

note() { printf '\n== %s\n' "$*"; }
record() { # record PART PASSED FAILED
  summary+=("$(printf '%-34s %s passed, %s failed' "$1" "$2" "$3")")
  passed=$((passed + $2))
  failed=$((failed + $3))
}
step_failed() { # a step that is not a test but must not pass silently
  echo "FAILED: $1" >&2
  record "$1" 0 1
}
finish() {
  local code=$?
  # Interrupted while the test lanes run: stop them (and their test hosts) too.
  if [ -n "${lane1_pid:-}" ]; then pkill -TERM -P "$lane1_pid" 2>/dev/null; kill "$lane1_pid" 2>/dev/null; fi
  if [ -n "${lane2_pid:-}" ]; then pkill -TERM -P "$lane2_pid" 2>/dev/null; kill "$lane2_pid" 2>/dev/null; fi
  if [ -n "$pgdir" ]; then scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; fi
  if [ -n "$redisdir" ]; then scripts/redis.sh stop "$redisdir" >/dev/null 2>&1 || true; fi
  trap - EXIT
  if [ -n "${finished:-}" ]; then exit "$code"; fi
  # Interrupted or died part-way: still say so in the closing line.
  echo "interrupted (exit $code)" >&2
  printf '%s passed, %s failed\n' "$passed" "$((failed + 1))"
  exit $((code == 0 ? 1 : code))
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- (a) system packages ------------------------------------------------------------
if [ -f web/package.json ] && ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  note "installing ${missing[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  if ! { "${sudo[@]}" apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    step_failed "apt-get install ${missing[*]}"
  fi
fi

# --- (b) .NET tools ----------------------------------------------------------------
note "dotnet tool restore"
dotnet tool restore >/dev/null || step_failed "dotnet tool restore"

# --- (c) PostgreSQL ----------------------------------------------------------------
note "starting PostgreSQL"
pgdir=$(mktemp -d /tmp/parley-pg.XXXXXX)
if port=$(scripts/free-port.sh) && connection=$(scripts/postgres.sh start "$pgdir" "$port"); then
  export PARLEY_TEST_POSTGRES="$connection"
  echo "PostgreSQL on port $port"
else
  step_failed "start PostgreSQL"
  cat "$pgdir/log" 2>/dev/null | tail -n 20 >&2
fi

# --- (c2) Redis ---------------------------------------------------------------------
note "starting Redis"
redisdir=$(mktemp -d /tmp/parley-redis.XXXXXX)
if port=$(scripts/free-port.sh) && redis=$(scripts/redis.sh start "$redisdir" "$port"); then
  export PARLEY_TEST_REDIS="$redis"
  echo "Redis on port $port"
else
  step_failed "start Redis"
fi

# --- (d) build ---------------------------------------------------------------------
note "building Parley.slnx"
built=""
if dotnet build Parley.slnx --nologo -tl:off --verbosity quiet; then
  built=1
  echo "build succeeded"
else
  step_failed "build"
fi

# --- (e) tests, in two lanes ----------------------------------------------------------
# Most tests wait (on a server starting, Dovecot, a browser, a deadline) far more than they compute: one project
# alone keeps a 2-core machine about a third busy. So two lanes run side by side, each project after the other in
# its lane, balanced by their usual times; each part's output is kept in its own log and printed whole when it ends.
# A part writes "PASSED FAILED" to $results/NAME.count; the summary reads them in a fixed order.
counter() { # counter TRX NAME -> the attribute of <Counters .../>, 0 when absent
  grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}
run_dotnet_tests() { # run_dotnet_tests NAME -> tests/NAME/NAME.csproj
  local name=$1 trx="$results/$1.trx" code p f
  dotnet test "tests/$name/$name.csproj" --no-build --nologo --verbosity quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 10m
  code=$?
  if [ -f "$trx" ]; then
    p=$(counter "$trx" passed)
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    # A test host that exits non-zero without a failed test crashed part-way.
    if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAILED: $name exited $code" >&2; fi
  else
    echo "FAILED: $name produced no test results (exit $code)" >&2
    p=0; f=1
  fi
  echo "$p $f" > "$results/$name.count"
}
has_e2e() { [ -f web/package.json ] && node -e 'process.exit(require("./web/package.json").scripts?.["test:e2e"] ? 0 : 1)'; }
run_browser_tests() { # -> "web e2e"
  local log="$results/e2e.tap" code p f
  if [ ! -d web/node_modules ] && ! (cd web && npm ci --no-audit --no-fund --loglevel=error); then
    echo "FAILED: npm ci (web)" >&2
    echo "0 1" > "$results/web e2e.count"
    return
  fi
  (cd web && PARLEY_DLL="$root/src/Parley/bin/Debug/net10.0/parley.dll" npm run --silent test:e2e) > "$log" 2>&1
  code=$?
  cat "$log"
  p=$(grep -E '^# pass [0-9]+' "$log" | tail -n 1 | grep -o '[0-9]\+' || echo 0)
  f=$(grep -E '^# fail [0-9]+' "$log" | tail -n 1 | grep -o '[0-9]\+' || echo 0)
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAILED: web e2e exited $code" >&2; fi
  echo "$p $f" > "$results/web e2e.count"
}
run_part() { # run_part NAME: one part, its output into its log, printed whole when it ends
  local log="$results/$1.log" started=$SECONDS
  if [ "$1" = "web e2e" ]; then run_browser_tests > "$log" 2>&1; else run_dotnet_tests "$1" > "$log" 2>&1; fi
  # One part's block at a time, whole, whichever lane finishes first.
  { note "$1 ($((SECONDS - started)) s)"; cat "$log"; } | flock "$results/print.lock" cat
}
run_lane() { local part; for part in "$@"; do run_part "$part"; done; }

parts=()
if [ -n "$built" ]; then
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    case "$name" in *.Testing) continue ;; esac   # the shared harness, a library without tests
    parts+=("$name")
  done
  if has_e2e; then parts+=("web e2e"); fi
  # Lane 1: the browser tests (the longest part) and the projects that fill its time; lane 2: everything else.
  lane1=(); lane2=()
  for part in "${parts[@]}"; do
    case "$part" in
      "web e2e"|Parley.Mail.Tests|Parley.Tests|Parley.Core.Tests) lane1+=("$part") ;;
      *) lane2+=("$part") ;;
    esac
  done
  note "tests in two lanes: [${lane1[*]}] and [${lane2[*]}]"
  run_lane "${lane1[@]}" &
  lane1_pid=$!
  run_lane "${lane2[@]}" &
  lane2_pid=$!
  wait "$lane1_pid" "$lane2_pid"
  lane1_pid=""; lane2_pid=""
  for part in "${parts[@]}"; do
    if [ -f "$results/$part.count" ]; then
      read -r p f < "$results/$part.count"
    else
      echo "FAILED: $part did not finish" >&2
      p=0; f=1
    fi
    record "$part" "$p" "$f"
  done
fi

# --- (g) summary -------------------------------------------------------------------
note "summary (results in $results)"
printf '%s\n' "${summary[@]}"
finished=1
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
