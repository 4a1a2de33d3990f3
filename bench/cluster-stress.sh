#!/usr/bin/env bash
# What cluster mode's RPC adds per command, on loopback (BENCHMARKS.md, "Cluster mode on
# loopback"; issue 18):
#
#   bench/cluster-stress.sh [--clients 10] [--users 20] [--messages 400] [--warmup 10]
#                           [--duration 30] [--senders 8] [--smtp-messages 2000]
#                           [--only single|cluster]
#
# Two targets, one after the other and each alone on the machine:
#   single   `./mailvault serve` (role all: one process, the embedded SQLite directory)
#   cluster  `./mailvault serve --role primary` and `./mailvault serve --role frontend` on
#            loopback, the directory in a PostgreSQL started here (Debian's, as user postgres, on
#            127.0.0.1 in the scratch directory), the cluster certificates made with
#            `mailvault cluster init / issue / join`; every client talks to the front-end, which
#            reaches the primary over the cluster's WebSocket RPC (mutual TLS)
# For each: create users load1..loadN@bench.test (ImapTest's) and mx0..mx<senders-1>@bench.test
# (nobody logs in to them); then
#   1. SMTP: Postfix's smtp-source, --senders connections in parallel (sender i -> mx<i>, one
#      kept-open connection each, as bench/smtp-load.sh), sends --smtp-messages letters of 10 KB
#      to the MX (the front-end's for the cluster): a quarter of them as a warm-up, then all of
#      them timed; messages/s and the server's CPU per message (both JVMs for the cluster);
#   2. ImapTest stress exactly as bench/imaptest-stress.sh: fill every INBOX with the same
#      --messages letters, then ImapTest's default mix and the read-only mix, each a discarded
#      warm-up and a measured run with the server's CPU read around it (ImapTestRun; for the
#      cluster the sum of the primary's and the front-end's).
# Writes $dir/cluster-stress.md: the figures of both, the ratios cluster / single, the load
# average, and the ImapTest `Error:` lines seen against the cluster.
#
# Scratch directory: $MAILVAULT_LOAD_DIR (default bench/target/cluster-stress), wiped at start.
# Ports: $MAILVAULT_CLUSTER_STRESS_PORT (default 21300): the single process's IMAP on it (+1 IMAPS,
# +2 HTTP, +3 SMTP, +4 POP3, +5 POP3S, +6 submission, +7 submissions, +8 ManageSieve); the
# front-end's the same from +20, the primary's unused ones from +30, the primary's cluster port
# +40, PostgreSQL +41. ImapTest: $IMAPTEST (default ~/.cache/imaptest/imaptest), built by
# ../shared/tools/imaptest/build.sh when missing. Needs root (PostgreSQL runs as user postgres;
# postfix is installed for smtp-source if missing) or both installed and a writable PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The read-only mix of bench/imaptest-stress.sh (see there): no SORT, Mailvault lacks it.
readonly_mix='- logout=0 select=100 list=50 status=50 fetch=100 fetch2=100,30 search=50'

clients=10 users=20 messages=400 warmup=10 duration=30 senders=8 smtp_messages=2000 only=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2 ;;
    --users) users=$2 ;;
    --messages) messages=$2 ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2 ;;
    --senders) senders=$2 ;;
    --smtp-messages) smtp_messages=$2 ;;
    --only) only=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
case $only in '' | single | cluster) ;; *) echo "--only: single or cluster" >&2; exit 2 ;; esac
wanted() { [[ -z $only || $only == "$1" ]]; }
smtp_messages=$((smtp_messages / senders * senders))

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
# The launcher rebuilds the server jar by its own rule; doing it now keeps the build out of the
# timed start-up below.
./mailvault --version >/dev/null
build_jars

imaptest=${IMAPTEST:-$HOME/.cache/imaptest/imaptest}
if [[ ! -x $imaptest ]]; then
  "${IMAPTEST_TOOLS:-$root/../shared/tools/imaptest}/build.sh"
fi
if ! command -v smtp-source >/dev/null; then
  echo "Installing postfix (for smtp-source; postfix itself is not started) ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >/dev/null
fi
pgbin=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $pgbin/initdb ]]; then
  echo "Installing postgresql ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
fi

dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/cluster-stress}
base=${MAILVAULT_CLUSTER_STRESS_PORT:-21300}
mv_port=$base
fe_port=$((base + 20))
primary_ports=$((base + 30))
cluster_port=$((base + 40))
pg_port=$((base + 41))
password=load-bench-password
pattern='load%d@bench.test'
first_user=1
mailvault_via=launcher
mv_data_ready=yes
mbox=$dir/imaptest.mbox
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

as_postgres=()
if [[ $(id -u) -eq 0 ]]; then as_postgres=(runuser -u postgres --); fi
pg_data=''
stop_all() {
  cleanup
  if [[ -n $pg_data ]]; then
    "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap stop_all EXIT

load_java dev.mailvault.bench.imap.ImapTestMbox --messages "$messages" --out "$mbox"
chmod 644 "$mbox"
python3 bench/smtp-load-helper.py messages "$dir"

# --- what both targets share -------------------------------------------------------------------
# client_env port: the listeners from port on, as the header says, and the settings of a
# benchmark on loopback (no DNS, no spam filter, no backups, connection limits above the load)
client_env() {
  local p=$1
  echo MAILVAULT_BIND=127.0.0.1 MAILVAULT_IMAP_PORT="$p" MAILVAULT_IMAPS_PORT=$((p + 1)) \
    MAILVAULT_HTTP_PORT=$((p + 2)) MAILVAULT_HTTPS_PORT=0 MAILVAULT_SMTP_PORT=$((p + 3)) \
    MAILVAULT_POP3_PORT=$((p + 4)) MAILVAULT_POP3S_PORT=$((p + 5)) \
    MAILVAULT_SUBMISSION_PORT=$((p + 6)) MAILVAULT_SUBMISSIONS_PORT=$((p + 7)) \
    MAILVAULT_MANAGESIEVE_PORT=$((p + 8)) MAILVAULT_IMAP_CONNECTIONS_PER_IP=1000 \
    MAILVAULT_IMAP_MAX_CONNECTIONS=2000 MAILVAULT_SMTP_CONNECTIONS_PER_IP=$((senders + 20)) \
    MAILVAULT_DNS_RESOLVERS=127.0.0.1:9 MAILVAULT_SPAM_ENABLED=false \
    MAILVAULT_BACKUP_SCHEDULE=false
}

java_env=() # the cluster's JVMs get $MAILVAULT_LOAD_JAVA_OPTS as start_mailvault gives it
if [[ -n ${MAILVAULT_LOAD_JAVA_OPTS:-} ]]; then
  java_env=(MAILVAULT_JAVA_OPTS="$MAILVAULT_LOAD_JAVA_OPTS")
fi

# create_users env...: the domain, ImapTest's users and the MX's recipients, in the directory the
# settings in env name
create_users() {
  echo "Creating $users + $senders aliases ..." >&2
  env "$@" java -jar "$server_jar" domain add bench.test >/dev/null
  local i
  for ((i = first_user; i < first_user + users; i++)); do
    # shellcheck disable=SC2059
    printf '%s' "$password" | env "$@" java -jar "$server_jar" alias add \
      "$(printf "$pattern" "$i")" --password-stdin >/dev/null
  done
  for ((i = 0; i < senders; i++)); do
    printf '%s' "$password" |
      env "$@" java -jar "$server_jar" alias add "mx$i@bench.test" --password-stdin >/dev/null
  done
}

# As bench/imaptest-stress.sh's, with the server's pids comma-separated (ImapTestRun sums them).
measure() { # name port pids
  local out=$dir/$1.properties mix
  for mix in default readonly; do
    local spec=''
    if [[ $mix == readonly ]]; then spec=$readonly_mix; fi
    echo "$1: $mix mix, ${warmup} s warm-up, ${duration} s measured ..." >&2
    load_java dev.mailvault.bench.imap.ImapTestRun --imaptest "$imaptest" --port "$2" \
      --users "$users" --user-pattern "$pattern" --password "$password" --mbox "$mbox" \
      --clients "$clients" --messages "$messages" --warmup "$warmup" --duration "$duration" \
      --server-pid "$3" --name "$mix" --mix "$spec" --out "$out" --log "$dir/$1-$mix.log"
  done
}

seed() { # port
  load_java dev.mailvault.bench.imap.ImapTestMbox --messages "$messages" --out "$dir/seed.mbox" \
    --port "$1" --users "$users" --first-user "$first_user" --user-pattern "$pattern" \
    --password "$password"
  cmp -s "$dir/seed.mbox" "$mbox" || { echo "seeded mail differs from $mbox" >&2; exit 1; }
  rm -f "$dir/seed.mbox"
}

# cpu_ticks pid...: utime+stime+cutime+cstime summed over the processes (each a JVM)
cpu_ticks() {
  local total=0 pid rest f
  for pid in "$@"; do
    rest=$(cat "/proc/$pid/stat")
    rest=${rest##*) }
    read -r -a f <<<"$rest"
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}

# smtp_send port total pid...: smtp-source's senders in parallel; prints "seconds cpu_seconds"
smtp_send() {
  local port=$1 total=$2 per i rc=0 t0 t1 c0 c1 spids=()
  shift 2
  per=$((total / senders))
  c0=$(cpu_ticks "$@")
  t0=$(date +%s.%N)
  for ((i = 0; i < senders; i++)); do
    smtp-source -d -s 1 -m "$per" -M load.example -f sender@load.example -t "mx$i@bench.test" \
      -F "$dir/10k.eml" "inet:127.0.0.1:$port" 2>>"$dir/smtp-source.err" &
    spids+=($!)
  done
  for pid in "${spids[@]}"; do wait "$pid" || rc=1; done
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "$@")
  if [[ $rc -ne 0 ]]; then
    echo "smtp-source failed against 127.0.0.1:$port: see $dir/smtp-source.err" >&2
    exit 1
  fi
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)"
}

smtp_measure() { # name port pid...: warm-up, timed run, into $dir/<name>.smtp
  local name=$1 port=$2 warm seconds cpu
  shift 2
  warm=$((smtp_messages / 4 / senders * senders))
  echo "$name: SMTP, $warm messages warm-up, $smtp_messages measured ..." >&2
  if [[ $warm -gt 0 ]]; then smtp_send "$port" "$warm" "$@" >/dev/null; fi
  read -r seconds cpu < <(smtp_send "$port" "$smtp_messages" "$@")
  echo "$seconds $cpu" >"$dir/$name.smtp"
}

rss_bytes() { # pid...: VmRSS summed
  local sum=0 pid
  for pid in "$@"; do
    sum=$((sum + $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status") * 1024))
  done
  echo "$sum"
}

# --- single process ----------------------------------------------------------------------------
if wanted single; then
  create_users MAILVAULT_DATA="$dir/mailvault"
  # shellcheck disable=SC2207
  mv_extra_env=($(client_env "$mv_port"))
  start_mailvault 1000
  # start_mailvault waits for IMAP only; SMTP may come up a moment later
  wait_port $((mv_port + 3)) "$mailvault_pid" "Mailvault (SMTP)"
  smtp_measure single $((mv_port + 3)) "$mailvault_pid"
  seed "$mv_port"
  measure single "$mv_port" "$mailvault_pid"
  echo "rssBytes=$(rss_bytes "$mailvault_pid")" >>"$dir/single.properties"
  stop_mailvault
fi

# --- cluster: PostgreSQL, a primary, a front-end -------------------------------------------------
start_postgres() {
  local d=$dir/postgres
  mkdir -p "$d"
  if [[ ${#as_postgres[@]} -gt 0 ]]; then
    chown postgres:postgres "$d"
    chmod 755 "$dir"
  fi
  "${as_postgres[@]}" "$pgbin/initdb" -D "$d/data" -U postgres --auth=trust >"$d/initdb.log"
  pg_data=$d/data
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$d/data" -o "-k $d -p $pg_port -c listen_addresses=127.0.0.1" \
    -l "$d/log" -w start >/dev/null
  "${as_postgres[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres mailvault
  # trust authentication on loopback: the password in the URL is not checked
  directory_url="postgresql://postgres:bench@127.0.0.1:$pg_port/mailvault"
  echo "PostgreSQL: $("$pgbin/postgres" --version) on 127.0.0.1:$pg_port" >&2
}

start_cluster() {
  local p=$dir/primary f=$dir/frontend
  local shared=(MAILVAULT_DIRECTORY_URL="$directory_url" MAILVAULT_CLUSTER_PORT="$cluster_port"
    MAILVAULT_CLUSTER_RPC_TIMEOUT=10)
  env MAILVAULT_DATA="$p" MAILVAULT_CLUSTER_NODE_NAME=primary \
    java -jar "$server_jar" cluster init >/dev/null
  env MAILVAULT_DATA="$p" java -jar "$server_jar" cluster issue frontend \
    --out "$dir/frontend.bundle" >/dev/null
  env MAILVAULT_DATA="$f" java -jar "$server_jar" cluster join "$dir/frontend.bundle" >/dev/null
  create_users MAILVAULT_DATA="$p" "${shared[@]}" MAILVAULT_STORAGE_DIR="$dir/shared"
  # shellcheck disable=SC2046
  env -u MAILVAULT_JAVA_OPTS $(client_env "$primary_ports") "${java_env[@]}" "${shared[@]}" \
    MAILVAULT_DATA="$p" MAILVAULT_STORAGE_DIR="$dir/shared" \
    "$root/mailvault" serve --role primary >"$dir/primary.log" 2>&1 &
  primary_pid=$!
  pids+=("$primary_pid")
  wait_port "$cluster_port" "$primary_pid" "Mailvault primary"
  for _ in $(seq 1 300); do [[ -s $p/outbound.key ]] && break; sleep 0.2; done
  mkdir -p "$f"
  cp "$p/outbound.key" "$f/outbound.key"
  # shellcheck disable=SC2046
  env -u MAILVAULT_JAVA_OPTS $(client_env "$fe_port") "${java_env[@]}" "${shared[@]}" \
    MAILVAULT_DATA="$f" "$root/mailvault" serve --role frontend >"$dir/frontend.log" 2>&1 &
  frontend_pid=$!
  pids+=("$frontend_pid")
  wait_port "$fe_port" "$frontend_pid" "Mailvault front-end"
  wait_port $((fe_port + 3)) "$frontend_pid" "Mailvault front-end (SMTP)"
  echo "Mailvault cluster: primary pid $primary_pid (cluster port $cluster_port)," \
    "front-end pid $frontend_pid on 127.0.0.1:$fe_port" >&2
}

if wanted cluster; then
  start_postgres
  start_cluster
  smtp_measure cluster $((fe_port + 3)) "$primary_pid" "$frontend_pid"
  seed "$fe_port"
  measure cluster "$fe_port" "$primary_pid,$frontend_pid"
  echo "rssBytes=$(rss_bytes "$primary_pid" "$frontend_pid")" >>"$dir/cluster.properties"
  kill "$frontend_pid" "$primary_pid" 2>/dev/null || true
  wait_exit "$frontend_pid" "Mailvault front-end"
  wait_exit "$primary_pid" "Mailvault primary"
fi

# --- the report ----------------------------------------------------------------------------------
smtp_row() { # label name
  local seconds cpu
  if [[ ! -f $dir/$2.smtp ]]; then
    echo "| $1 | — | — | — | — |"
    return
  fi
  read -r seconds cpu <"$dir/$2.smtp"
  printf '| %s | %d | %.2f | %.0f | %.2f |\n' "$1" "$smtp_messages" "$seconds" \
    "$(echo "$smtp_messages / $seconds" | bc -l)" "$(echo "$cpu * 1000 / $smtp_messages" | bc -l)"
}
smtp_ratio() {
  local s1 c1 s2 c2
  if [[ ! -f $dir/cluster.smtp || ! -f $dir/single.smtp ]]; then return; fi
  read -r s1 c1 <"$dir/cluster.smtp"
  read -r s2 c2 <"$dir/single.smtp"
  printf '| cluster ÷ single | | | %.2f× | %.2f× |\n' "$(echo "$s2 / $s1" | bc -l)" \
    "$(echo "$c1 / $c2" | bc -l)"
}

{
  echo "# Cluster mode on loopback: a front-end + primary pair against the single process"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)," \
    "./mailvault serve${MAILVAULT_LOAD_JAVA_OPTS:+ (MAILVAULT_JAVA_OPTS='$MAILVAULT_LOAD_JAVA_OPTS')}" \
    "($(java -version 2>&1 | head -1)), $("$pgbin/postgres" --version), ImapTest" \
    "$(cat "$(dirname "$imaptest")/REVISION" 2>/dev/null || echo '?'), $(nproc) cores." \
    "Load average (1, 5, 15 min) at the start $load_at_start, at the end" \
    "$(cut -d' ' -f1-3 /proc/loadavg): a shared, loaded machine, so the absolute figures" \
    "are low and noisy; the ratios are the point."
  echo
  echo "Command: \`bench/cluster-stress.sh --clients $clients --users $users --messages $messages" \
    "--warmup $warmup --duration $duration --senders $senders --smtp-messages $smtp_messages${only:+ --only $only}\`"
  echo
  echo "Single: \`./mailvault serve\` (role all, embedded SQLite directory). Cluster:" \
    "\`./mailvault serve --role primary\` + \`--role frontend\` on 127.0.0.1, directory in" \
    "PostgreSQL on 127.0.0.1, clients on the front-end; server CPU is the sum of both JVMs."
  echo
  echo "## ImapTest stress"
  echo
  echo "Each measured run: \`imaptest host=127.0.0.1 port=PORT 'user=$pattern' users=$users" \
    "pass=… mbox=imaptest.mbox clients=$clients msgs=$messages secs=$duration [MIX]\`," \
    "after the same for $warmup s (discarded). Default mix: ImapTest's own. Read-only mix:" \
    "\`$readonly_mix\`."
  echo
  load_java dev.mailvault.bench.imap.ImapTestStressReport \
    "Cluster (front-end + primary)=$dir/cluster.properties" \
    "Single process=$dir/single.properties"
  echo
  echo "## SMTP delivery to the MX"
  echo
  echo "smtp-source, $senders senders in parallel, one kept-open connection each, letters of" \
    "10 KB to aliases nobody is logged in to (sealed into the spool); a quarter of the count" \
    "sent first as a warm-up."
  echo
  echo "| target | messages | seconds | messages/s | server CPU ms/message |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  smtp_row "Cluster (front-end + primary)" cluster
  smtp_row "Single process" single
  smtp_ratio
  if [[ -f $dir/cluster-default.log ]]; then
    echo
    echo "## ImapTest Error: lines against the cluster (first 20 distinct, both mixes)"
    echo
    errors=$(cat "$dir/cluster-default.log" "$dir/cluster-readonly.log" |
      grep -a 'Error:' | sed -E 's/^[^E]*Error:/Error:/' | sort | uniq -c | sort -rn | head -20 || true)
    if [[ -z $errors ]]; then echo "None."; else echo '```'; echo "$errors"; echo '```'; fi
  fi
} | tee "$dir/cluster-stress.md"
