#!/usr/bin/env bash
# The submission and outbound delivery benchmark (BENCHMARKS.md, "Submission and outbound
# delivery"; issue 13; ADR 0210):
#
#   bench/submission-load.sh [--clients 4] [--messages 2000] [--size 10240] [--rounds 2]
#                            [--only mailvault|postfix]
#
# Two servers, one after the other, each alone on the machine, in one run, both relaying to the
# same kind of peer, Postfix's smtp-sink on loopback (it writes every message it accepts to a file
# in a fresh directory):
#   mailvault  Mailvault's submission port (AUTH PLAIN once per connection, as a client does;
#              loopback allows it without TLS), then its sealed queue, DKIM signing (Ed25519 and
#              RSA), an MX look-up in a dnsmasq test zone (remote.test MX -> 127.0.0.1) and SMTP
#              to the sink on outbound.smtp-port
#   postfix    Debian's Postfix as a relay: its own instance (config and queue under the scratch
#              directory), accepting from 127.0.0.0/8 without AUTH, relayhost the sink (no DNS
#              look-up, no DKIM: it does less per message than Mailvault)
# For each: dev.mailvault.bench.submission.SubmissionLoad sends --messages messages of --size
# octets over --clients connections, one at a time per connection; "accepted/s" is messages
# answered 250 per second of that; "delivered/s" is messages per second from the first MAIL to
# the moment the sink holds them all (every accepted message must arrive, or the run fails).
# A first, untimed round of as many messages warms each server up (the JVM's JIT compiler took a
# quarter of Mailvault's CPU in a timed round after a warm-up of a quarter: ADR 0210). Writes
# $dir/submission-load.md.
#
# Scratch directory: $MAILVAULT_SUBMISSION_LOAD_DIR (default bench/target/submission-load),
# wiped at start. Ports from $SUBMISSION_LOAD_PORT (default 21400): Mailvault IMAP +0, IMAPS +1,
# HTTP +2, SMTP +3, POP3 +4, POP3S +5, submission +6, submissions +7; Postfix relay +8; sink +9;
# DNS +10. Needs root (Postfix runs as its own user) and postfix, dnsmasq-base installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

clients=4 messages=2000 size=10240 rounds=2 only=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2 ;;
    --messages) messages=$2 ;;
    --size) size=$2 ;;
    --rounds) rounds=$2 ;;
    --only) only=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
wanted() { [[ -z $only || $only == "$1" ]]; }

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
build_jars

dir=${MAILVAULT_SUBMISSION_LOAD_DIR:-$root/bench/target/submission-load}
base=${SUBMISSION_LOAD_PORT:-21400}
mv_port=$base
submission_port=$((base + 6))
relay_port=$((base + 8))
sink_port=$((base + 9))
dns_port=$((base + 10))
users=1 password=submission-bench-password pattern='load%d@bench.test' dc_port=0
sender=load0@bench.test recipient=sink@remote.test
rm -rf "$dir"
mkdir -p "$dir"
trap 'stop_sink; stop_postfix; cleanup' EXIT

# --- the peer and the DNS zone ------------------------------------------------------------------
sink_pid=''
start_sink() { # directory
  mkdir -p "$1"
  chmod 777 "$1"
  smtp-sink -u nobody -d "$1/%M." "127.0.0.1:$sink_port" 256 >"$dir/sink.log" 2>&1 &
  sink_pid=$!
  wait_port "$sink_port" "$sink_pid" smtp-sink
}
stop_sink() {
  if [[ -n $sink_pid ]]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  sink_pid=''
}
await_sink() { # directory, count: the sink holds count messages, or fail after 10 minutes
  local n=0
  for _ in $(seq 1 6000); do
    n=$(find "$1" -type f | wc -l)
    if ((n >= $2)); then return 0; fi
    sleep 0.1
  done
  echo "the sink holds $n messages of $2 after 10 minutes" >&2
  return 1
}
# Answered as a real zone's authoritative server answers: records with a TTL of 300 s (dnsmasq's
# default for its own records is 0) and an SOA with every "no such record" (RFC 2308), so a
# resolver may keep both; Mailvault keeps them for that long (ADR 0231).
dnsmasq --keep-in-foreground --no-resolv --no-hosts --port="$dns_port" --listen-address=127.0.0.1 \
  --bind-interfaces --local-ttl=300 --auth-ttl=300 --auth-zone=remote.test \
  --auth-server=ns.remote.test,127.0.0.1 --local=/test/ --mx-host=remote.test,mx.remote.test,10 \
  --host-record=mx.remote.test,127.0.0.1 --pid-file= >"$dir/dnsmasq.log" 2>&1 &
pids+=($!)

# --- Postfix as a relay ---------------------------------------------------------------------------
postfix_dir=$dir/postfix
start_postfix() {
  mkdir -p "$postfix_dir/conf" "$postfix_dir/queue" "$postfix_dir/data"
  chown postfix "$postfix_dir/data"
  cat >"$postfix_dir/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $postfix_dir/queue
data_directory = $postfix_dir/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = relay.bench.test
mydestination =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:$sink_port
smtp_tls_security_level = none
smtpd_tls_security_level = none
maillog_file = /dev/stdout
alias_maps =
alias_database =
biff = no
CONF
  cat >"$postfix_dir/conf/master.cf" <<CONF
127.0.0.1:$relay_port inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
  postfix -c "$postfix_dir/conf" start-fg >"$dir/postfix.log" 2>&1 &
  postfix_pid=$!
  wait_port "$relay_port" "$postfix_pid" Postfix
}
postfix_pid=''
stop_postfix() {
  if [[ -n $postfix_pid ]]; then
    postfix -c "$postfix_dir/conf" stop >/dev/null 2>&1 || true
    wait "$postfix_pid" 2>/dev/null || true
  fi
  postfix_pid=''
}

# --- one measured run ---------------------------------------------------------------------------
results=$dir/results.txt
run() { # label, port, count, timed(yes|no), [--user U --password P]
  local label=$1 port=$2 count=$3 timed=$4
  shift 4
  local sink=$dir/sink-$label-$RANDOM start end line
  start_sink "$sink"
  start=$(date +%s.%N)
  line=$(load_java dev.mailvault.bench.submission.SubmissionLoad --port "$port" \
    --clients "$clients" --messages "$count" --size "$size" --from "$sender" --to "$recipient" \
    --label "$label" "$@")
  await_sink "$sink" "$count"
  end=$(date +%s.%N)
  stop_sink
  rm -rf "$sink"
  if [[ $timed == yes ]]; then
    echo "$line delivered-seconds=$(echo "$end - $start" | bc)" | tee -a "$results" >&2
  fi
}

if wanted mailvault; then
  mv_extra_env=(MAILVAULT_SUBMISSION_PORT="$submission_port"
    MAILVAULT_SUBMISSIONS_PORT=$((submission_port + 1)) MAILVAULT_DNS_RESOLVERS="127.0.0.1:$dns_port"
    MAILVAULT_OUTBOUND_SMTP_PORT="$sink_port" MAILVAULT_SUBMISSION_MESSAGES_PER_HOUR=1000000000)
  start_mailvault 100
  wait_port "$submission_port" "$mailvault_pid" "Mailvault (submission)"
  run mailvault "$submission_port" "$messages" no --user "$sender" --password "$password"
  for ((r = 1; r <= rounds; r++)); do
    run mailvault "$submission_port" "$messages" yes --user "$sender" --password "$password"
  done
  stop_mailvault
fi
if wanted postfix; then
  start_postfix
  run postfix "$relay_port" "$messages" no
  for ((r = 1; r <= rounds; r++)); do
    run postfix "$relay_port" "$messages" yes
  done
  stop_postfix
fi

{
  echo "| server | round | accepted | accepted/s | delivered/s |"
  echo "| --- | --- | --- | --- | --- |"
  awk '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    round[v["label"]]++
    printf "| %s | %d | %d | %.1f | %.1f |\n", v["label"], round[v["label"]], v["accepted"],
      v["rate"], v["accepted"] / v["delivered-seconds"]
  }' "$results"
} >"$dir/submission-load.md"
cat "$dir/submission-load.md"
