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

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
build_jars

dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/imap-load}
mv_port=${MAILVAULT_LOAD_PORT:-21143}
dc_port=${DOVECOT_LOAD_PORT:-21150}
password=load-bench-password
pattern='load%d@bench.test'

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

trap cleanup EXIT

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
