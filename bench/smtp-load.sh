#!/usr/bin/env bash
# The SMTP delivery benchmark (BENCHMARKS.md, "SMTP delivery"; ADRs 0118-0119):
#
#   bench/smtp-load.sh [--senders 8] [--messages-10k 4000] [--messages-100k 1000] [--rounds 3]
#                      [--warmup 0] [--only spool|live|dovecot|sieve|rspamd]...
#
# Starts, on loopback in a scratch directory, `mailvault serve` (SMTP MX) and Dovecot (Debian's
# dovecot-lmtpd, an unprivileged instance with mail_crypt and per-user keys encrypted under the
# user's password, as in ADR 0087), then sends the same 10 KB and 100 KB letters with Postfix's
# smtp-source, N senders in parallel (sender i -> recipient i, one kept-open connection each):
#   spool:   Mailvault, aliases nobody is logged in to: each message sealed into the spool
#   live:    Mailvault, other aliases each held by an IMAP session in IDLE: appended to the vault
#   dovecot: Dovecot's LMTP (smtp-source -L) into the users' mail_crypt Maildir INBOX
#   sieve:   Mailvault, offline aliases like spool's, each with the 20-rule Sieve script of
#            bench/sieve/twenty-rules.sieve active (issue 15): filtered at the MX, the script's
#            folder sealed with the message
#   rspamd:  a second Mailvault (same jar, its own data directory and ports) with spam filtering
#            on (issue 16), offline aliases like spool's: every message is checked by Debian's
#            rspamd (with redis-server, both started here on loopback with the tests' config,
#            mailauth/src/test/resources/rspamd, network modules off) before the 250. Its rows
#            add rspamd's own CPU per message (main process and workers).
# Each (target, size) is first warmed up with a quarter of its count, then timed; the server's CPU
# time (the JVM; Dovecot's master and all its children) is read before and after. --warmup N first
# sends N messages of 10 KB and N/4 of 100 KB to every target, untimed, before round 1: the JVM's
# JIT takes tens of seconds of load on this machine to compile the delivery path (ADR 0153), so
# rounds after it measure the steady state and rounds without it the first minutes after a start.
# Writes $dir/smtp-load.md (one table per round). Needs root (to install postfix for smtp-source
# and dovecot-lmtpd, and to run Dovecot as a system user) or both installed.
#
# DNS: the senders' domain (load.example) is in no zone, so the MX's SPF/DKIM/DMARC look-ups go
# to $MAILVAULT_SMTP_LOAD_DNS (default 127.0.0.1:9, where nothing answers: each fails at once as a
# temporary error and the message is delivered, as in the node tests) rather than to the
# machine's resolver, whose time-outs would be measured instead of the server.
# Scratch directory: $MAILVAULT_SMTP_LOAD_DIR (default bench/target/smtp-load), wiped at start.
# Ports: $MAILVAULT_SMTP_LOAD_PORT (default 21225 SMTP; +1 IMAP, +2 IMAPS, +3 HTTP, +4 POP3,
# +5 POP3S, +6 submission, +7 submissions, +8 ManageSieve; the rspamd target's Mailvault +30..+38,
# rspamd's worker +20, controller +21, redis +22) and
# $DOVECOT_SMTP_LOAD_PORT (default 21240 LMTP; +1 IMAP).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

senders=8 count10k=4000 count100k=1000 rounds=3 warmup=0 only=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --senders) senders=$2 ;;
    --messages-10k) count10k=$2 ;;
    --messages-100k) count100k=$2 ;;
    --rounds) rounds=$2 ;;
    --warmup) warmup=$2 ;;
    --only) only+=("$2") ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
targets=(spool live dovecot sieve rspamd)
if [[ ${#only[@]} -gt 0 ]]; then targets=("${only[@]}"); fi
wants() { [[ " ${targets[*]} " == *" $1 "* ]]; }

server_jar=server/target/mailvault.jar
if [[ ! -f $server_jar ]] || [[ -n $(find pom.xml core store directory mailauth imap smtp server \
  -newer "$server_jar" \( -name '*.java' -o -name 'pom.xml' \) -print -quit) ]]; then
  echo "Building $server_jar ..." >&2
  ./mvnw -q -B -DskipTests -pl server -am package
fi
if ! command -v smtp-source >/dev/null; then
  echo "Installing postfix (for smtp-source; postfix itself is not started) ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >/dev/null
fi
if wants dovecot && [[ ! -x /usr/lib/dovecot/lmtp || ! -x /usr/lib/dovecot/imap ]]; then
  echo "Installing dovecot-lmtpd and dovecot-imapd ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-lmtpd dovecot-imapd >/dev/null
fi

dir=${MAILVAULT_SMTP_LOAD_DIR:-$root/bench/target/smtp-load}
mv_port=${MAILVAULT_SMTP_LOAD_PORT:-21225}
dc_port=${DOVECOT_SMTP_LOAD_PORT:-21240}
password=smtp-bench-password
helper=(python3 "$root/bench/smtp-load-helper.py")
spool_users=() live_users=() sieve_users=() rspamd_users=()
for ((i = 0; i < senders; i++)); do
  spool_users+=("spool$i@bench.test")
  live_users+=("live$i@bench.test")
  sieve_users+=("sieve$i@bench.test")
  rspamd_users+=("rspamd$i@bench.test")
done
if wants rspamd && ! command -v rspamd >/dev/null; then
  echo "Installing rspamd and redis-server ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y rspamd redis-server >/dev/null
fi

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
"${helper[@]}" messages "$dir"

pids=()
holder_pid=''
cleanup() {
  if [[ -n $holder_pid ]]; then kill "$holder_pid" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -f $dir/dovecot/run/master.pid ]]; then
    kill "$(cat "$dir/dovecot/run/master.pid")" 2>/dev/null || true
  fi
}
trap cleanup EXIT

wait_port() { # port, pid, name
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    if [[ -n $2 ]] && ! kill -0 "$2" 2>/dev/null; then
      echo "$3 exited before listening on $1" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$3 is not listening on $1 after 60 s" >&2
  return 1
}

# CPU clock ticks of a process and all its descendants, reaped children included: "total system"
cpu_ticks() {
  local total=0 sys=0 pid stat rest
  local todo=("$1")
  while [[ ${#todo[@]} -gt 0 ]]; do
    pid=${todo[0]}
    todo=("${todo[@]:1}")
    if stat=$(cat "/proc/$pid/stat" 2>/dev/null); then
      rest=${stat##*) }
      read -r -a f <<<"$rest"
      # after "pid (comm) ": field 14-17 of stat are utime stime cutime cstime = f[11..14]
      total=$((total + f[11] + f[12] + f[13] + f[14]))
      sys=$((sys + f[12] + f[14]))
      # shellcheck disable=SC2207
      todo+=($(ps -o pid= --ppid "$pid" 2>/dev/null || true))
    fi
  done
  echo "$total $sys"
}

# --- Mailvault -------------------------------------------------------------------------------
start_mailvault() {
  local data=$dir/mailvault
  mkdir -p "$data"
  echo "Mailvault: creating $((3 * senders)) aliases ..." >&2
  java -jar "$server_jar" domain add bench.test --data "$data" >/dev/null
  for user in "${spool_users[@]}" "${live_users[@]}" "${sieve_users[@]}"; do
    printf '%s' "$password" |
      java -jar "$server_jar" alias add "$user" --data "$data" --password-stdin >/dev/null
  done
  for user in "${sieve_users[@]}"; do
    java -jar "$server_jar" sieve put "$user" "$root/bench/sieve/twenty-rules.sieve" \
      --activate --data "$data" >/dev/null
  done
  # Spam filtering off here: the rspamd target's own node has it on.
  launch_mailvault "$data" "$mv_port" "$dir/mailvault.log" MAILVAULT_SPAM_ENABLED=false
  mailvault_pid=$launched_pid
}

# launch_mailvault data port log env...: `serve` on port (SMTP) and the 8 ports after it
launch_mailvault() {
  local data=$1 port=$2 log=$3
  shift 3
  local java_opts=(${MAILVAULT_SMTP_LOAD_JAVA_OPTS:-})
  env "$@" MAILVAULT_DATA="$data" MAILVAULT_BIND=127.0.0.1 MAILVAULT_SMTP_PORT="$port" \
    MAILVAULT_IMAP_PORT=$((port + 1)) MAILVAULT_IMAPS_PORT=$((port + 2)) \
    MAILVAULT_HTTP_PORT=$((port + 3)) MAILVAULT_HTTPS_PORT=0 MAILVAULT_POP3_PORT=$((port + 4)) \
    MAILVAULT_POP3S_PORT=$((port + 5)) MAILVAULT_SMTP_CONNECTIONS_PER_IP=$((senders + 20)) \
    MAILVAULT_SUBMISSION_PORT=$((port + 6)) MAILVAULT_SUBMISSIONS_PORT=$((port + 7)) \
    MAILVAULT_MANAGESIEVE_PORT=$((port + 8)) \
    MAILVAULT_DNS_RESOLVERS="${MAILVAULT_SMTP_LOAD_DNS:-127.0.0.1:9}" \
    MAILVAULT_IMAP_CONNECTIONS_PER_IP=$((senders + 20)) \
    java "${java_opts[@]}" -cp "$server_jar" dev.mailvault.server.Main serve >"$log" 2>&1 &
  launched_pid=$!
  pids+=("$launched_pid")
  wait_port "$port" "$launched_pid" Mailvault
  wait_port "$((port + 1))" "$launched_pid" Mailvault
  echo "Mailvault: pid $launched_pid, SMTP on 127.0.0.1:$port" >&2
}

# --- rspamd and the Mailvault that asks it ---------------------------------------------------
rs_port=$((mv_port + 20))
start_rspamd() {
  local d=$dir/rspamd
  mkdir -p "$d/conf" "$d/db" "$d/run" "$d/log"
  cp -r "$root/mailauth/src/test/resources/rspamd/." "$d/conf/"
  find "$d/conf" -type f -exec sed -i -e "s/@SCANNER_PORT@/$rs_port/g" \
    -e "s/@CONTROLLER_PORT@/$((rs_port + 1))/g" -e "s/@REDIS_PORT@/$((rs_port + 2))/g" {} +
  chmod 0777 "$d/db" "$d/run" "$d/log"
  chmod 0755 "$dir" "$d" "$d/conf"
  redis-server --port "$((rs_port + 2))" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$d/db" >"$d/log/redis.log" 2>&1 &
  pids+=("$!")
  local as=()
  if [[ $(id -u) -eq 0 ]]; then as=(-u _rspamd -g _rspamd); fi
  rspamd -f "${as[@]}" -c /etc/rspamd/rspamd.conf --var=LOCAL_CONFDIR="$d/conf" \
    --var=DBDIR="$d/db" --var=RUNDIR="$d/run" --var=LOGDIR="$d/log" >"$d/rspamd.out" 2>&1 &
  rspamd_pid=$!
  pids+=("$rspamd_pid")
  wait_port "$rs_port" "$rspamd_pid" rspamd
  echo "rspamd: pid $rspamd_pid ($(rspamd --version | head -1)), worker on 127.0.0.1:$rs_port" >&2
}

start_mailvault_rspamd() {
  local data=$dir/mailvault-rspamd
  mkdir -p "$data"
  echo "Mailvault (spam filtering on): creating $senders aliases ..." >&2
  java -jar "$server_jar" domain add bench.test --data "$data" >/dev/null
  for user in "${rspamd_users[@]}"; do
    printf '%s' "$password" |
      java -jar "$server_jar" alias add "$user" --data "$data" --password-stdin >/dev/null
  done
  launch_mailvault "$data" "$((mv_port + 30))" "$dir/mailvault-rspamd.log" \
    MAILVAULT_SPAM_ENABLED=true MAILVAULT_SPAM_RSPAMD_URL="http://127.0.0.1:$rs_port" \
    MAILVAULT_SPAM_RSPAMD_CONTROLLER_URL="http://127.0.0.1:$((rs_port + 1))"
  mailvault_rspamd_pid=$launched_pid
}

# --- Dovecot ---------------------------------------------------------------------------------
start_dovecot() {
  local d=$dir/dovecot run_as=() user group hash
  mkdir -p "$d/run" "$d/state" "$d/mail" "$d/home"
  if [[ $(id -u) -eq 0 ]]; then
    id imapbench >/dev/null 2>&1 ||
      useradd --system --no-create-home --shell /usr/sbin/nologin imapbench
    user=imapbench
    run_as=(setpriv --reuid=imapbench --regid="$(id -g imapbench)" --init-groups)
  else
    user=$(id -un)
  fi
  group=$(id -gn "$user")
  # The password hash only matters for the seeding logins (LMTP does not authenticate)
  hash=$(doveadm pw -s ARGON2ID -p "$password")
  : >"$d/users"
  for ((i = 0; i < senders; i++)); do echo "rcpt$i@bench.test:$hash::::::" >>"$d/users"; done
  cat >"$d/dovecot.conf" <<EOF
# Dovecot for the SMTP delivery benchmark: loopback only, LMTP delivery into Maildir with
# mail_crypt (folder keys; the user's private key encrypted under the user's password), IMAP only
# to create each user's keys before the load. As bench/imap-load.sh and ADR 0087, plus LMTP.
base_dir = $d/run
state_dir = $d/state
instance_name = smtp-load
listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $d/dovecot.log
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = $(id -u "$user")
postmaster_address = postmaster@bench.test
mail_location = maildir:$d/mail/%u
mail_plugins = \$mail_plugins mail_crypt
mail_attribute_dict = file:%h/dovecot-attributes
default_process_limit = 100
default_client_limit = 1000
service imap-login {
  chroot =
  service_count = 0
  inet_listener imap {
    address = 127.0.0.1
    port = $((dc_port + 1))
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $dc_port
  }
}
service anvil {
  chroot =
}
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
  wait_port "$((dc_port + 1))" "" Dovecot
  dovecot_pid=$(cat "$d/run/master.pid")
  local rcpts=()
  for ((i = 0; i < senders; i++)); do rcpts+=("rcpt$i@bench.test"); done
  "${helper[@]}" seed 127.0.0.1 "$((dc_port + 1))" "$password" "${rcpts[@]}"
  echo "Dovecot: master pid $dovecot_pid, LMTP on 127.0.0.1:$dc_port ($(dovecot --version))" >&2
}

check_dovecot_encrypts() {
  local sample
  sample=$(find "$dir/dovecot/mail" -path '*/new/*' -type f -print -quit)
  [[ -n $sample ]] || sample=$(find "$dir/dovecot/mail" -path '*/cur/*' -type f -print -quit)
  if [[ -z $sample ]] || [[ $(head -c 7 "$sample") != CRYPTED ]]; then
    echo "Dovecot's delivered mail is not encrypted ($sample): check mail_crypt" >&2
    exit 1
  fi
}

# --- sending ---------------------------------------------------------------------------------
# send target size total: N smtp-source processes in parallel, sender i to recipient i, each on
# one kept-open connection (-d); fails if any message is refused. Prints "seconds cpu_seconds".
send() {
  local target=$1 size=$2 total=$3 per port lmtp=() pid_of cpu0 cpu1 sys0 sys1 t0 t1 i rc=0 who
  per=$((total / senders))
  case $target in
    spool) port=$mv_port pid_of=$mailvault_pid who=spool ;;
    live) port=$mv_port pid_of=$mailvault_pid who=live ;;
    sieve) port=$mv_port pid_of=$mailvault_pid who=sieve ;;
    rspamd) port=$((mv_port + 30)) pid_of=$mailvault_rspamd_pid who=rspamd ;;
    dovecot) port=$dc_port pid_of=$dovecot_pid who=rcpt lmtp=(-L) ;;
  esac
  local spids=() peer0=0 peer1=0 ignored
  read -r cpu0 sys0 < <(cpu_ticks "$pid_of")
  if [[ $target == rspamd ]]; then read -r peer0 ignored < <(cpu_ticks "$rspamd_pid"); fi
  t0=$(date +%s.%N)
  for ((i = 0; i < senders; i++)); do
    smtp-source "${lmtp[@]}" -d -s 1 -m "$per" -M load.example -f sender@load.example \
      -t "$who$i@bench.test" -F "$dir/$size.eml" "inet:127.0.0.1:$port" \
      2>>"$dir/smtp-source.err" &
    spids+=($!)
  done
  for pid in "${spids[@]}"; do wait "$pid" || rc=1; done
  t1=$(date +%s.%N)
  read -r cpu1 sys1 < <(cpu_ticks "$pid_of")
  if [[ $target == rspamd ]]; then read -r peer1 ignored < <(cpu_ticks "$rspamd_pid"); fi
  if [[ $rc -ne 0 ]]; then
    echo "smtp-source failed against $target ($size): see $dir/smtp-source.err" >&2
    exit 1
  fi
  local hz
  hz=$(getconf CLK_TCK)
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "($cpu1 - $cpu0) / $hz" | bc -l)" \
    "$(echo "($sys1 - $sys0) / $hz" | bc -l)" "$(echo "($peer1 - $peer0) / $hz" | bc -l)"
}

measure() { # target size total -> one table row
  local target=$1 size=$2 total=$3 warm seconds cpu sys peer rate filter=-
  warm=$((total / 4 / senders * senders))
  if [[ $warm -gt 0 ]]; then send "$target" "$size" "$warm" >/dev/null; fi
  read -r seconds cpu sys peer < <(send "$target" "$size" "$total")
  rate=$(echo "$total / $seconds" | bc -l)
  if [[ $target == rspamd ]]; then
    filter=$(printf '%.0f' "$(echo "$peer * 1000000 / $total" | bc -l)")
  fi
  printf '| %s | %s | %d | %d | %.2f | %.0f | %.2f | %.0f | %.0f %% | %s |\n' "$target" "$size" \
    "$senders" "$total" "$seconds" "$rate" "$cpu" "$(echo "$cpu * 1000000 / $total" | bc -l)" \
    "$(echo "if ($cpu > 0) $sys * 100 / $cpu else 0" | bc -l)" "$filter"
}

{ wants spool || wants live || wants sieve; } && start_mailvault
if wants rspamd; then
  start_rspamd
  start_mailvault_rspamd
fi
wants dovecot && start_dovecot

# with_target target size command...: runs the command with the target ready (for live: the IMAP
# sessions that hold its aliases open, IDLE-ing, for the command's whole run)
with_target() {
  local target=$1
  shift 2
  if [[ $target != live ]]; then
    "$@"
    return
  fi
  coproc HOLD { "${helper[@]}" hold 127.0.0.1 "$((mv_port + 1))" "$password" "${live_users[@]}"; }
  holder_pid=$HOLD_PID
  read -r ready <&"${HOLD[0]}"
  [[ $ready == ready ]] || { echo "IMAP holder failed" >&2; exit 1; }
  "$@"
  eval "exec ${HOLD[1]}>&-"
  wait "$holder_pid" || true
  holder_pid=''
}

if [[ $warmup -gt 0 ]]; then
  echo "Warm-up: $warmup messages of 10 KB and $((warmup / 4)) of 100 KB per target, untimed" >&2
  for target in "${targets[@]}"; do
    with_target "$target" 10k send "$target" 10k "$((warmup / senders * senders))" >/dev/null
    with_target "$target" 100k send "$target" 100k "$((warmup / 4 / senders * senders))" >/dev/null
  done
fi

for ((r = 1; r <= rounds; r++)); do
  {
    echo "Round $r of $rounds, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit" \
      "$(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
      "$(dovecot --version | cut -d' ' -f1) (LMTP), warm-up $warmup"
    echo
    echo "| target | size | senders | messages | seconds | messages/s | server CPU s | CPU µs/message | of it kernel | rspamd CPU µs/message |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } | tee -a "$dir/smtp-load.md"
  for size in 10k 100k; do
    if [[ $size == 10k ]]; then total=$count10k; else total=$count100k; fi
    total=$((total / senders * senders))
    for target in spool sieve rspamd live dovecot; do
      if wants "$target"; then
        with_target "$target" "$size" measure "$target" "$size" "$total" | tee -a "$dir/smtp-load.md"
      fi
    done
  done
  if wants dovecot; then check_dovecot_encrypts; fi
  echo | tee -a "$dir/smtp-load.md"
done
echo "Mailvault spool: $(find "$dir/mailvault" -type f | wc -l) files under the data directory" >&2
