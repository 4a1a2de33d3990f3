#!/usr/bin/env bash
# The POP3 benchmark (BENCHMARKS.md, "POP3"; issue 12; ADR 0199):
#
#   bench/pop3-load.sh [--clients 10] [--users N] [--messages 100] [--warmup 10] [--duration 30]
#                      [--only NAME[,NAME...]]
#
# Logins + RETR of a whole maildrop per second, against three servers one after the other, each
# alone on the machine, in one run:
#   mailvault       Mailvault, started as `./mailvault serve` starts it (the repository's launcher;
#                   $MAILVAULT_LOAD_JAVA_OPTS, if set, becomes its MAILVAULT_JAVA_OPTS), POP3 on
#                   MAILVAULT_POP3_PORT
#   dovecot-plain   Debian's Dovecot (dovecot-pop3d), no mail_crypt, SSHA256 password hashes
#   dovecot-crypt   Dovecot + mail_crypt (per-user keys under the password), SSHA256 hashes
# (--only dovecot is both Dovecots.) For each: start it on loopback with users
# load0..load(N-1)@bench.test (N = --users, default --clients) and the same password; fill every
# INBOX over IMAP with the same --messages messages (dev.mailvault.bench.imap.ImapTestMbox's mail,
# as the ImapTest stress benchmark's); run dev.mailvault.bench.pop3.Pop3Load with --clients
# clients, each polling its own user's maildrop (connect, USER/PASS, STAT, RETR 1..M checked byte
# for byte against the seeded mail, QUIT without DELE) for a discarded warm-up and a measured
# window, with the server's process-tree CPU time read around the window; stop it. Writes
# $dir/pop3-load.md with dev.mailvault.bench.pop3.Pop3LoadReport's table.
#
# Scratch directory: $MAILVAULT_LOAD_DIR (default bench/target/pop3-load), wiped at start.
# Ports: $MAILVAULT_POP3_LOAD_PORT (default 21343, Mailvault's IMAP; +1 IMAPS, +2 HTTP, +3 SMTP,
# +4 POP3, +5 POP3S) and $DOVECOT_POP3_LOAD_PORT (default 21350, Dovecot's IMAP; +1 POP3), apart
# from the other benchmarks'. Needs root (to install and run Dovecot as a system user) or an
# installed dovecot-imapd and dovecot-pop3d.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

clients=10 users='' messages=100 warmup=10 duration=30 only=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2 ;;
    --users) users=$2 ;;
    --messages) messages=$2 ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2 ;;
    --only)
      for name in ${2//,/ }; do
        if [[ $name == dovecot ]]; then only+=" dovecot-plain dovecot-crypt"; else only+=" $name"; fi
      done
      ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
users=${users:-$clients}
servers=(mailvault dovecot-plain dovecot-crypt)
for name in $only; do
  if [[ ! " ${servers[*]} " == *" $name "* ]]; then
    echo "--only: unknown server $name (known: ${servers[*]}, dovecot)" >&2
    exit 2
  fi
done
wanted() { [[ -z $only || " $only " == *" $1 "* ]]; }

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
if wanted mailvault; then
  # The launcher rebuilds the server jar by its own rule (any newer source); doing it now keeps
  # the build out of the timed start-up below.
  ./mailvault --version >/dev/null
  build_jars
else
  build_jars bench
fi

dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/pop3-load}
mv_port=${MAILVAULT_POP3_LOAD_PORT:-21343}
dc_port=${DOVECOT_POP3_LOAD_PORT:-21350}
mv_pop3_port=$((mv_port + 4))
dc_pop3_port=$((dc_port + 1))
password=load-bench-password
pattern='load%d@bench.test'
first_user=0
mailvault_via=launcher
dovecot_instance=pop3-load

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
trap cleanup EXIT

seed() { # IMAP port: the same messages into every INBOX, by APPEND
  load_java dev.mailvault.bench.imap.ImapTestMbox --messages "$messages" --out "$dir/seed.mbox" \
    --port "$1" --users "$users" --first-user "$first_user" --user-pattern "$pattern" \
    --password "$password"
  rm -f "$dir/seed.mbox"
}

measure() { # name label pop3-port pid
  echo "$1: ${warmup} s warm-up, ${duration} s measured, $clients clients ..." >&2
  load_java dev.mailvault.bench.pop3.Pop3Load --port "$3" --users "$users" \
    --user-pattern "$pattern" --password "$password" --clients "$clients" \
    --messages "$messages" --warmup "$warmup" --duration "$duration" --server-pid "$4" \
    --label "$2" --out "$dir/$1.properties"
}

if wanted mailvault; then
  start_mailvault 1000
  seed "$mv_port"
  measure mailvault Mailvault "$mv_pop3_port" "$mailvault_pid"
  stop_mailvault
fi

run_dovecot() { # name label crypt
  dc_dir=$dir/$1 dovecot_crypt=$3 dovecot_scheme=SSHA256
  start_dovecot
  seed "$dc_port"
  if [[ $3 == yes ]]; then check_dovecot_encrypts; fi
  measure "$1" "$2" "$dc_pop3_port" "$dovecot_pid"
  stop_dovecot
}
if wanted dovecot-plain; then run_dovecot dovecot-plain "Dovecot plain" no; fi
if wanted dovecot-crypt; then run_dovecot dovecot-crypt "Dovecot + mail_crypt" yes; fi

{
  echo "# POP3: Mailvault and Dovecot"
  echo
  mailvault_text=''
  if wanted mailvault; then
    mailvault_text="Mailvault via $mailvault_launcher ($(java -version 2>&1 | head -1)), "
  fi
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)," \
    "$mailvault_text$(dovecot --version | cut -d' ' -f1) (Debian), $(nproc) cores," \
    "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  # shellcheck disable=SC2086 # word splitting squeezes the spaces
  only_list=$(echo $only | tr ' ' ,)
  echo "Command: \`${MAILVAULT_LOAD_JAVA_OPTS:+MAILVAULT_LOAD_JAVA_OPTS='$MAILVAULT_LOAD_JAVA_OPTS' }bench/pop3-load.sh" \
    "--clients $clients --users $users --messages $messages --warmup $warmup" \
    "--duration $duration${only_list:+ --only $only_list}\`"
  echo
  load_java dev.mailvault.bench.pop3.Pop3LoadReport \
    "Mailvault=$dir/mailvault.properties" \
    "Dovecot plain=$dir/dovecot-plain.properties" \
    "Dovecot + mail_crypt=$dir/dovecot-crypt.properties"
  echo
  echo "A session: connect, greeting, USER/PASS (plaintext, loopback), STAT, RETR 1..$messages" \
    "one at a time (each compared byte for byte with the seeded message), QUIT without DELE," \
    "server closes; counted when it ended inside the $duration s window (so is each RETR), after" \
    "$warmup s of warm-up. $clients clients, each on its own maildrop of $messages messages" \
    "(ImapTestMbox's mail: ~10 KB letters, every eighth with a ~100 KB attachment), seeded by" \
    "IMAP APPEND. Server CPU: utime + stime of the server's process tree over the window" \
    "(Dovecot's reaped login and pop3 processes included). Both Dovecots use SSHA256 password" \
    "hashes; Mailvault checks re-logins against its unlock cache (ADR 0185)."
} | tee "$dir/pop3-load.md"
