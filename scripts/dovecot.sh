#!/usr/bin/env bash
# Starts or stops a throwaway Dovecot IMAP server on loopback for Triage's tests (Debian's dovecot-imapd).
#   scripts/dovecot.sh start DIR PORT [TLS_PORT]   IMAP (with STARTTLS) on PORT, IMAPS on TLS_PORT; prints host:port
#   scripts/dovecot.sh user DIR NAME PASSWORD      adds a user (Dovecot re-reads the passwd-file by itself)
#   scripts/dovecot.sh stop DIR
# Everything lives in DIR: its own dovecot.conf (the system's /etc/dovecot is never read), a passwd-file of users with
# plain passwords, one maildir per user, a self-signed certificate made here (DIR/cert.pem; its SHA-256 fingerprint in
# DIR/cert.sha256), the log (DIR/dovecot.log). Special-use folders Trash, Junk, Archive and Sent exist in every mailbox.
# Environment: DOVECOT_IMAP_CAPABILITY replaces the advertised capabilities after login (e.g. without IDLE or MOVE,
# to test polling and the COPY + UID EXPUNGE path).
# DOVECOT_OAUTH2_INTROSPECTION_URL adds SASL XOAUTH2/OAUTHBEARER: a bearer token is accepted when that URL (token
# introspection, POST token=…) answers {"active": true, "email": "<the user>"} — the test's own HTTP endpoint.
# As root the mail processes run as the dovenull user (Dovecot refuses uid 0 for mail); as a normal user, as that user.
set -euo pipefail

mail_owner() { if [ "$(id -u)" = 0 ]; then echo dovenull; else id -un; fi; }

case "${1:-}" in
  start)
    dir=$(realpath -m "${2:?dir}"); port=${3:?port}; tls_port=${4:-0}
    binary=$(command -v dovecot || echo /usr/sbin/dovecot)
    [ -x "$binary" ] || { echo "dovecot is not installed (apt-get install dovecot-imapd)" >&2; exit 1; }
    mkdir -p "$dir/run" "$dir/state" "$dir/mail"
    # The auth process runs as another user than the master when root: it must read the passwd-file.
    chmod 755 "$dir"
    touch "$dir/passwd"; chmod 644 "$dir/passwd"
    owner=$(mail_owner)
    if [ "$(id -u)" = 0 ]; then
      chown "$owner:$owner" "$dir/mail"
      login_user=dovenull; internal_user=dovecot; internal_group=dovecot
    else
      login_user=$owner; internal_user=$owner; internal_group=$(id -gn)
    fi
    if [ ! -f "$dir/cert.pem" ]; then
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
      chmod 644 "$dir/cert.pem"; chmod 600 "$dir/key.pem"
      openssl x509 -in "$dir/cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' > "$dir/cert.sha256"
    fi
    capability=""
    if [ -n "${DOVECOT_IMAP_CAPABILITY:-}" ]; then capability="imap_capability = $DOVECOT_IMAP_CAPABILITY"; fi
    mechanisms="plain login"; oauth2_passdb=""
    if [ -n "${DOVECOT_OAUTH2_INTROSPECTION_URL:-}" ]; then
      mechanisms="plain login xoauth2 oauthbearer"
      printf 'introspection_mode = post\nintrospection_url = %s\nusername_attribute = email\nactive_attribute = active\nactive_value = true\n' \
        "$DOVECOT_OAUTH2_INTROSPECTION_URL" > "$dir/oauth2.conf.ext"
      oauth2_passdb="passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/oauth2.conf.ext
}"
    fi
    cat > "$dir/dovecot.conf" <<EOF
# Written by scripts/dovecot.sh for one test run; not a production configuration.
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
instance_name = parley-test-$port
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
default_login_user = $login_user
default_internal_user = $internal_user
default_internal_group = $internal_group
first_valid_uid = 1
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = $mechanisms
mail_location = maildir:$dir/mail/%u
mailbox_list_index = yes
imap_idle_notify_interval = 1 secs
$capability
namespace inbox {
  inbox = yes
  separator = /
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $tls_port
    ssl = yes
  }
  chroot =
}
service imap {
  process_limit = 100
}
service auth-worker {
  user = $internal_user
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
$oauth2_passdb
passdb {
  driver = passwd-file
  args = $dir/passwd
}
userdb {
  driver = passwd-file
  args = $dir/passwd
}
EOF
    "$binary" -c "$dir/dovecot.conf"
    deadline=$((SECONDS + 30))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "dovecot did not listen on port $port within 30 s" >&2
        tail -n 20 "$dir/dovecot.log" >&2 2>/dev/null || true
        exit 1
      fi
      sleep 0.1
    done
    echo "127.0.0.1:$port"
    ;;
  user)
    dir=$(realpath -m "${2:?dir}"); name=${3:?name}; password=${4:?password}
    case "$name$password" in *:*|*$'\n'*) echo "no ':' or newline in a name or password" >&2; exit 2 ;; esac
    owner=$(mail_owner)
    echo "$name:{PLAIN}$password:$(id -u "$owner"):$(id -g "$owner")::$dir/mail/$name" >> "$dir/passwd"
    ;;
  stop)
    dir=$(realpath -m "${2:?dir}")
    if [ -f "$dir/run/master.pid" ]; then
      pid=$(cat "$dir/run/master.pid")
      kill "$pid" 2>/dev/null || true
      # Wait (bounded) so the ports are free when this returns.
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT [TLS_PORT] | user DIR NAME PASSWORD | stop DIR" >&2; exit 2 ;;
esac
