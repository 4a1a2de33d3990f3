#!/usr/bin/env bash
# The IMAP load benchmark (BENCHMARKS.md, "IMAP load"; ADRs 0086-0088):
#
#   bench/imap-load.sh [load] [--clients 20] [--warmup 20] [--duration 60] [--messages 200]
#                      [--mix SPEC] [--steps-per-session 50] [--rounds 1] [--only mailvault|dovecot]
#   bench/imap-load.sh memory [--connections 5000] [--users 10]
#
# load:   starts, on loopback in a scratch directory, Mailvault and Dovecot (Debian's
#         dovecot-imapd, an unprivileged instance with mail_crypt and per-user keys encrypted
#         under the user's password), gives both the same users and passwords and the same seeded
#         INBOXes (APPENDs over IMAP), then drives the same mixed workload against each in turn
#         (dev.mailvault.bench.imap.ImapLoad) and measures commands/s and each server's CPU time.
#         Writes $dir/imap-load.md.
# memory: starts Mailvault alone, holds N authenticated connections in IDLE and reports the live
#         heap per connection (dev.mailvault.bench.imap.ImapIdleHold).
#
# Scratch directory: $MAILVAULT_LOAD_DIR (default bench/target/imap-load), wiped at start.
# Ports: $MAILVAULT_LOAD_PORT (default 21143, Mailvault; +1 IMAPS, +2 HTTP, +3 SMTP) and
# $DOVECOT_LOAD_PORT (default 21150). Needs root (to install Dovecot and run it as a system user)
# or an installed dovecot-imapd.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=load
if [[ ${1:-} == load || ${1:-} == memory ]]; then
  mode=$1
  shift
fi
clients=20 users='' messages=200 warmup=20 duration=60 mix='' steps=50 rounds=1 only=''
connections=5000
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2 ;;
    --users) users=$2 ;;
    --messages) messages=$2 ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2 ;;
    --mix) mix=$2 ;;
    --steps-per-session) steps=$2 ;;
    --rounds) rounds=$2 ;;
    --only) only=$2 ;;
    --connections) connections=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
if [[ -z $users ]]; then
  if [[ $mode == memory ]]; then users=10; else users=$clients; fi
fi

bench_jar=bench/target/benchmarks.jar
server_jar=server/target/mailvault.jar
stale() { # jar, modules...
  local jar=$1
  shift
  [[ ! -f $jar ]] || [[ -n $(find pom.xml "$@" -newer "$jar" \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit) ]]
}
if stale "$server_jar" core store directory imap server; then
  echo "Building $server_jar ..." >&2
  ./mvnw -q -B -DskipTests -pl server -am package
fi
if stale "$bench_jar" core store directory imap bench; then
  echo "Building $bench_jar ..." >&2
  ./mvnw -q -B -DskipTests -pl bench -am package
fi

dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/imap-load}
mv_port=${MAILVAULT_LOAD_PORT:-21143}
dc_port=${DOVECOT_LOAD_PORT:-21150}
password=load-bench-password
pattern='load%d@bench.test'
load_java() { java -cp "$root/$bench_jar" "$@"; }

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [[ -f $dir/dovecot/run/master.pid ]]; then
    kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null || true
  fi
}
trap cleanup EXIT

wait_port() { # port, pid, name
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
      return 0
    fi
    if [[ -n $2 ]] && ! kill -0 "$2" 2>/dev/null; then
      echo "$3 exited before listening on $1" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$3 is not listening on $1 after 60 s" >&2
  return 1
}

# --- Mailvault -------------------------------------------------------------------------------
mailvault_launcher=''
start_mailvault() { # connections per IP
  local data=$dir/mailvault
  mkdir -p "$data"
  echo "Mailvault: creating $users aliases ..." >&2
  java -jar "$server_jar" domain add bench.test --data "$data" >/dev/null
  for ((i = 0; i < users; i++)); do
    # shellcheck disable=SC2059
    printf '%s' "$password" |
      java -jar "$server_jar" alias add "$(printf "$pattern" "$i")" --data "$data" \
        --password-stdin >/dev/null
  done
  local java_opts=(${MAILVAULT_LOAD_JAVA_OPTS:-})
  mailvault_launcher="mailvault serve ($server_jar)"
  MAILVAULT_DATA=$data MAILVAULT_BIND=127.0.0.1 MAILVAULT_IMAP_PORT=$mv_port \
    MAILVAULT_IMAPS_PORT=$((mv_port + 1)) MAILVAULT_HTTP_PORT=$((mv_port + 2)) \
    MAILVAULT_SMTP_PORT=$((mv_port + 3)) MAILVAULT_IMAP_CONNECTIONS_PER_IP=$1 \
    java "${java_opts[@]}" -cp "$server_jar" dev.mailvault.server.Main serve \
    >"$dir/mailvault.log" 2>&1 &
  mailvault_pid=$!
  pids+=("$mailvault_pid")
  wait_port "$mv_port" "$mailvault_pid" Mailvault
  echo "Mailvault: pid $mailvault_pid on 127.0.0.1:$mv_port via $mailvault_launcher" >&2
}

# --- Dovecot ---------------------------------------------------------------------------------
start_dovecot() {
  if ! command -v dovecot >/dev/null || [[ ! -f /usr/lib/dovecot/imap ]]; then
    echo "Installing dovecot-imapd ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null
  fi
  local d=$dir/dovecot run_as=() user group
  mkdir -p "$d/run" "$d/state" "$d/mail" "$d/home"
  if [[ $(id -u) -eq 0 ]]; then
    id imapbench >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin imapbench
    user=imapbench
    # setpriv, not runuser: no PAM session, so the raised open-files limit is kept
    run_as=(setpriv --reuid=imapbench --regid="$(id -g imapbench)" --init-groups)
  else
    user=$(id -un)
  fi
  group=$(id -gn "$user")
  load_java dev.mailvault.bench.imap.DovecotPasswd --users "$users" --user-pattern "$pattern" \
    --password "$password" --out "$d/users"
  cat >"$d/dovecot.conf" <<EOF
# Dovecot for the IMAP load benchmark: loopback only, plaintext login, Maildir, mail_crypt with
# a key pair per user (folder keys) whose private key is encrypted under the user's password.
base_dir = $d/run
state_dir = $d/state
instance_name = imap-load
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $d/dovecot.log
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = $(id -u "$user")
mail_location = maildir:$d/mail/%u
mail_plugins = \$mail_plugins mail_crypt
# mail_crypt keeps the user's and folders' keys in mailbox attributes
mail_attribute_dict = file:%h/dovecot-attributes
mail_max_userip_connections = 10000
default_process_limit = 1000
default_client_limit = 2000
# "high-performance" login mode: a few long-lived login processes instead of one per connection
service imap-login {
  chroot =
  service_count = 0
  process_min_avail = 2
  inet_listener imap {
    address = 127.0.0.1
    port = $dc_port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  client_limit = 2100
}
# Argon2id hashes with Mailvault's parameters (m=12 MiB, t=3, p=1): the same cost per login
passdb {
  driver = passwd-file
  args = scheme=ARGON2ID username_format=%u $d/users
  override_fields = userdb_mail_crypt_private_password=%w
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/users
  default_fields = uid=$user gid=$group home=$d/home/%u
}
plugin {
  mail_crypt_curve = prime256v1
  mail_crypt_save_version = 2
  mail_crypt_require_encrypted_user_key = yes
}
EOF
  if [[ ${#run_as[@]} -gt 0 ]]; then
    chown -R "$user:$group" "$d"
    chmod 755 "$dir"
  fi
  "${run_as[@]}" dovecot -c "$d/dovecot.conf"
  wait_port "$dc_port" "" Dovecot
  # the master may write its pid file after the listeners are up
  for _ in $(seq 1 50); do [[ -s $d/run/master.pid ]] && break; sleep 0.2; done
  dovecot_pid=$(cat "$d/run/master.pid")
  echo "Dovecot: master pid $dovecot_pid on 127.0.0.1:$dc_port ($(dovecot --version))" >&2
}

check_dovecot_encrypts() {
  # mail_crypt's files start with "CRYPTED": no plaintext of the seeded letters on disk
  local sample
  sample=$(find "$dir/dovecot/mail" -path '*/cur/*' -type f -print -quit)
  if [[ -z $sample ]] || [[ $(head -c 7 "$sample") != CRYPTED ]]; then
    echo "Dovecot's stored mail is not encrypted ($sample): check mail_crypt" >&2
    exit 1
  fi
}

# --- runs ------------------------------------------------------------------------------------
run_load() { # label port pid out
  local args=(run --port "$2" --users "$users" --user-pattern "$pattern" --password "$password"
    --clients "$clients" --warmup "$warmup" --duration "$duration"
    --steps-per-session "$steps" --server-pid "$3" --label "$1" --out "$4")
  if [[ -n $mix ]]; then args+=(--mix "$mix"); fi
  load_java dev.mailvault.bench.imap.ImapLoad "${args[@]}"
}

if [[ $mode == memory ]]; then
  start_mailvault "$((connections + 100))"
  load_java dev.mailvault.bench.imap.ImapLoad seed --port "$mv_port" --users "$users" \
    --user-pattern "$pattern" --password "$password" --messages "$messages"
  echo "Holding $connections IDLE connections ..." >&2
  load_java dev.mailvault.bench.imap.ImapIdleHold --port "$mv_port" --users "$users" \
    --user-pattern "$pattern" --password "$password" --connections "$connections" \
    --server-pid "$mailvault_pid" | tee "$dir/imap-memory.txt"
  echo "Mailvault via $mailvault_launcher, $(java -version 2>&1 | head -1)" | tee -a "$dir/imap-memory.txt"
  exit 0
fi

if [[ $only != dovecot ]]; then
  start_mailvault 1000
  load_java dev.mailvault.bench.imap.ImapLoad seed --port "$mv_port" --users "$users" \
    --user-pattern "$pattern" --password "$password" --messages "$messages"
fi
if [[ $only != mailvault ]]; then
  start_dovecot
  load_java dev.mailvault.bench.imap.ImapLoad seed --port "$dc_port" --users "$users" \
    --user-pattern "$pattern" --password "$password" --messages "$messages"
  check_dovecot_encrypts
fi

for ((r = 1; r <= rounds; r++)); do
  if [[ $only != dovecot ]]; then
    run_load Mailvault "$mv_port" "$mailvault_pid" "$dir/mailvault-$r.properties"
  fi
  if [[ $only != mailvault ]]; then
    run_load "Dovecot+mail_crypt" "$dc_port" "$dovecot_pid" "$dir/dovecot-$r.properties"
  fi
  if [[ -z $only ]]; then
    {
      echo "Round $r, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)," \
        "Mailvault via $mailvault_launcher, $(dovecot --version | cut -d' ' -f1)"
      echo
      load_java dev.mailvault.bench.imap.ImapLoadReport "$dir/mailvault-$r.properties" \
        "$dir/dovecot-$r.properties"
      echo
    } | tee -a "$dir/imap-load.md"
  fi
done
