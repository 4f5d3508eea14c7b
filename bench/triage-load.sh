#!/usr/bin/env bash
# Triage by rules alone over a Dovecot mailbox of N messages: Debian's imapfilter and Parley apply the same three rules
# to identical copies of the same mailbox, in the same run.
#   bench/triage-load.sh [--messages N] [--imapfilter-only] [--deadline SECONDS] [--app DIR]
# Defaults: 10,000 messages, Parley processed within 1800 s or the run fails. --app DIR uses an already published
# Parley (dotnet publish src/Parley -c Release -o DIR) instead of publishing one.
#
# A throwaway Dovecot (scripts/dovecot.sh, plain IMAP on loopback, maildir) gets one mailbox filled by
# bench/triage-mailbox.py (one APPEND per message, not timed; see that file for the mix: 40 % newsletter sender,
# 20 % "[invoice]" subjects, 10 % List-Id, 30 % nothing), then copied file for file (`cp -a` of the maildir with its
# index) to one fresh user per run, so every run starts from the same mailbox, UIDs included. The rules:
#   from contains news@newsletter.example   -> move to Newsletters
#   subject contains [invoice]              -> flag \Flagged, move to Invoices
#   header List-Id present                  -> keyword (label) "lists", stays in INBOX
# Runs, each timed from process start to the work being done:
#   imapfilter, server search   contain_from/contain_subject/contain_field: Dovecot's SEARCH picks the messages,
#                               then one MOVE / STORE per set
#   imapfilter, client match    match_from/match_subject/match_field: imapfilter fetches the header fields of every
#                               message and matches them with PCRE itself, then one MOVE / STORE per set
#   Parley                      the Release build, SQLite in a fresh data directory, parley.yaml with one triage
#                               account on the mailbox (backlog: all, the same rules, private: no LLM), until
#                               processed_messages (or audit_log) holds N rows for it and the mailbox is as expected
# After each run bench/triage-mailbox.py check verifies folder counts, flags and keywords per class (and that
# nothing was marked read); a run whose mailbox is not as expected fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

messages=10000; imapfilter_only=false; deadline_seconds=1800; app=""
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --imapfilter-only) imapfilter_only=true; shift ;;
    --deadline) deadline_seconds=$2; shift 2 ;;
    --app) app=$(realpath "$2"); shift 2 ;;
    *) echo "usage: $0 [--messages N] [--imapfilter-only] [--deadline SECONDS] [--app DIR]" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
for tool in /usr/sbin/dovecot /usr/bin/imapfilter "$python" sqlite3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install dovecot-imapd imapfilter python3 sqlite3)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/parley-triage-load.XXXXXX)
chmod 755 "$work"   # Dovecot's auth and mail processes run as other users when root
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  scripts/dovecot.sh stop "$work/dovecot" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }
seconds_since() { awk -v a="$1" -v b="$(now_us)" 'BEGIN { printf "%.2f", (b - a) / 1e6 }'; }
rate() { awk -v n="$messages" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
mailbox() { "$python" bench/triage-mailbox.py "$@"; }

imap_port=$(scripts/free-port.sh)
scripts/dovecot.sh start "$work/dovecot" "$imap_port" >/dev/null
eval "$(mailbox counts "$messages")"   # expected_news, expected_invoice, expected_list, expected_none

# Every user up front: Dovecot re-reads the passwd-file when its mtime changes, which misses a second change within
# the same second.
for user in template if_search if_match parley; do
  scripts/dovecot.sh user "$work/dovecot" "$user" "bench-password-$user"
done
# fresh_mailbox USER: USER's mailbox becomes a copy of the filled template, index included.
fresh_mailbox() { cp -a "$work/dovecot/mail/template" "$work/dovecot/mail/$1"; }
echo "filling a mailbox with $messages messages (APPEND, not timed) ..." >&2
fill_start=$(now_us)
mailbox fill 127.0.0.1 "$imap_port" template bench-password-template "$messages"
echo "filled in $(seconds_since "$fill_start") s ($(du -sh "$work/dovecot/mail/template" | cut -f1) of maildir)" >&2

rows=()
# row NAME SECONDS USER: checks the mailbox USER was left in and adds a table row (exit 1 when not as expected).
row() {
  local result
  if ! result=$(mailbox check 127.0.0.1 "$imap_port" "$3" "bench-password-$3" "$messages"); then
    echo "$1 did not do the work: $result" >&2; exit 1
  fi
  rows+=("| $1 | $2 | $(rate "$2") | ${result} |")
}

# run_imapfilter NAME USER MATCHING: MATCHING is "search" (contain_*) or "match" (match_*).
run_imapfilter() {
  local name=$1 user=$2 config="$work/imapfilter-$2.lua" start seconds
  fresh_mailbox "$user"
  if [ "$3" = search ]; then
    select_news="inbox:contain_from('news@newsletter.example')"
    select_invoices="inbox:contain_subject('[invoice]')"
    select_lists="inbox:contain_field('List-Id', '')"
  else
    select_news="inbox:match_from('news@newsletter\\\\.example')"
    select_invoices="inbox:match_subject('\\\\[invoice\\\\]')"
    # A message without the header is fetched as a blank line: '\S' needs a value.
    select_lists="inbox:match_field('List-Id', '\\\\S')"
  fi
  cat > "$config" <<EOF
options.timeout = 120
options.starttls = false  -- plain IMAP on loopback, as Parley's tls: insecure below
options.info = false
local account = IMAP { server = '127.0.0.1', port = $imap_port, username = '$user', password = 'bench-password-$user' }
local inbox = account.INBOX
local newsletters = $select_news
newsletters:move_messages(account.Newsletters)
local invoices = $select_invoices
invoices:mark_flagged()
invoices:move_messages(account.Invoices)
local lists = $select_lists
lists:add_flags({ 'lists' })
EOF
  mkdir -p "$work/imapfilter-home"
  start=$(now_us)
  HOME="$work/imapfilter-home" /usr/bin/imapfilter -c "$config" >"$work/imapfilter-$user.log" 2>&1 \
    || { echo "imapfilter failed:" >&2; cat "$work/imapfilter-$user.log" >&2; exit 1; }
  seconds=$(seconds_since "$start")
  row "$name" "$seconds" "$user"
  eval "seconds_$3=$seconds"
}

run_imapfilter "imapfilter $(imapfilter -V 2>&1 | awk 'NR==1 {print $2}'), server search (contain_*)" if_search search
run_imapfilter "imapfilter, client match (match_*)" if_match match

ready() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -t 5 status <&3 || exit 1
    [[ $status == "HTTP/1.1 200"* ]]
  ) 2>/dev/null
}

parley_note="Parley: not run (--imapfilter-only)"
if [ "$imapfilter_only" = false ]; then
  if [ -z "$app" ]; then
    echo "publishing Release to $work/app ..." >&2
    dotnet publish src/Parley -c Release -o "$work/app" -p:SkipWebBuild=true --nologo -v q >&2
    app="$work/app"
  fi
  fresh_mailbox parley
  run="$work/parley"; mkdir -p "$run/data"
  # The same rules in Triage's configuration (docs/configuration.md, "Triage"); private: rules only, no LLM, and a
  # message no rule matches is decided "leave alone" and recorded like the others.
  cat > "$run/parley.yaml" <<EOF
triage:
  backlog:
    mode: all
  accounts:
    - name: bench
      imap:
        host: 127.0.0.1
        port: $imap_port
        tls: insecure
        username: parley
        password: \${TRIAGE_BENCH_IMAP_PASSWORD}
      folders:
        watch: [INBOX]
        mode: predefined
        allowed: [Newsletters, Invoices]
      private: true
  rules:
    - name: newsletters
      conditions:
        - { field: from, op: contains, value: news@newsletter.example }
      actions:
        - { type: move, folder: Newsletters }
      category: newsletter
    - name: invoices
      conditions:
        - { field: subject, op: contains, value: '[invoice]' }
      actions:
        - { type: flag, flags: ['\Flagged'] }
        - { type: move, folder: Invoices }
      category: invoice
    - name: lists
      conditions:
        - { field: header, header: List-Id, op: regex, value: '\S' }
      actions:
        - { type: label, labels: [lists] }
      category: list
EOF
  http_port=$(scripts/free-port.sh); smtp_port=$(scripts/free-port.sh)
  start=$(now_us)
  (cd "$run" && exec env PARLEY__STORAGE__PROVIDER=sqlite PARLEY__STORAGE__DATADIRECTORY="$run/data" \
     PARLEY__ADMIN__PASSWORD=benchmark-password PARLEY__LOGGING__LOGLEVEL__DEFAULT=Warning \
     PARLEY__MAIL__SMTP__PORT="$smtp_port" TRIAGE_BENCH_IMAP_PASSWORD=bench-password-parley \
     "$app/parley" --urls "http://127.0.0.1:$http_port" >"$run/server.log" 2>&1) &
  pid=$!
  until ready "$http_port"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "parley exited before it was ready (configuration?):" >&2; cat "$run/server.log" >&2; exit 1; fi
    if [ $(( $(now_us) - start )) -gt 120000000 ]; then echo "parley not ready after 120 s" >&2; exit 1; fi
    sleep 0.05
  done
  echo "parley ready after $(seconds_since "$start") s; waiting for $messages messages to be processed ..." >&2
  processed=0
  while :; do
    # Messages handled: processed_messages rows (the seed's guard against processing twice), or audit_log rows should
    # the pipeline leave some decisions out of processed_messages.
    processed=$(sqlite3 "$run/data/triage.db" "PRAGMA busy_timeout = 2000; SELECT max(
        (SELECT count(*) FROM processed_messages WHERE account_name = 'bench'),
        (SELECT count(*) FROM audit_log WHERE account_name = 'bench'))" 2>/dev/null | tail -n 1 || echo 0)
    # Done when every message is recorded and the mailbox shows every action (a row may precede its last action).
    if [ "${processed:-0}" -ge "$messages" ] && mailbox check 127.0.0.1 "$imap_port" parley bench-password-parley "$messages" >/dev/null; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "parley exited:" >&2; tail -n 40 "$run/server.log" >&2; exit 1; fi
    if [ $(( $(now_us) - start )) -gt $(( deadline_seconds * 1000000 )) ]; then
      echo "Parley did not process the mailbox within $deadline_seconds s: ${processed:-0} of $messages recorded;" \
        "mailbox: $(mailbox check 127.0.0.1 "$imap_port" parley bench-password-parley "$messages" | head -n 1)" >&2
      if grep -qiE "fail|error|crit" "$run/server.log"; then grep -iE "fail|error|crit" "$run/server.log" | head -n 20 >&2; fi
      exit 1
    fi
    sleep 0.2
  done
  parley_seconds=$(seconds_since "$start")
  rss=$(awk '/^VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  row "Parley (SQLite, rules only)" "$parley_seconds" parley
  parley_note=$(awk -v p="$parley_seconds" -v s="$seconds_search" -v m="$seconds_match" \
    'BEGIN { printf "Parley takes %.1f× the time of imapfilter with server search, %.1f× with client match", p / s, p / m }')
  parley_note="$parley_note; Parley RSS at the end: $rss"
  if grep -qiE "fail|error|crit" "$run/server.log"; then echo "server log:" >&2; grep -iE "fail|error|crit" "$run/server.log" | head -n 20 >&2; fi
fi

echo
echo "$messages messages (news $expected_news, invoice $expected_invoice, list $expected_list, none $expected_none);" \
  "$(nproc) cores; load average $(cut -d" " -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| run | seconds | msg/s | mailbox after the run |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "$parley_note"
