#!/usr/bin/env bash
# The ImapTest stress benchmark (BENCHMARKS.md, "ImapTest stress"; issue 11):
#
#   bench/imaptest-stress.sh [--clients 10] [--users 20] [--messages 400] [--warmup 10]
#                            [--duration 30] [--only NAME[,NAME...]] [--readonly-mix SPEC]
#
# Runs Dovecot's ImapTest in stress mode (random commands from many clients, every answer checked
# against its model of the mailboxes) against four servers, one after the other and each alone on
# the machine, in one run:
#   mailvault          Mailvault, started as `./mailvault serve` starts it (the repository's
#                      launcher; $MAILVAULT_LOAD_JAVA_OPTS, if set, becomes its MAILVAULT_JAVA_OPTS)
#   dovecot-plain      Debian's Dovecot, no mail_crypt, SSHA256 password hashes (cheap)
#   dovecot-crypt      Dovecot + mail_crypt (per-user keys under the password), SSHA256 hashes
#   dovecot-argon2id   Dovecot + mail_crypt + Argon2id hashes at Mailvault's m=12 MiB, t=3, p=1,
#                      as bench/imap-load.sh runs it
# For each: start it on loopback with users load1..loadN@bench.test; fill every INBOX over IMAP
# with the same --messages mixed letters that ImapTest appends from (mbox=, written by
# dev.mailvault.bench.imap.ImapTestMbox); run the default mix and then the read-only mix below,
# each as a discarded warm-up and a measured run with the server's process-tree CPU time read
# around it (ImapTestRun); read the server's RSS; stop it. Writes $dir/imaptest-stress.md.
#
# Scratch directory: $MAILVAULT_LOAD_DIR (default bench/target/imaptest-stress), wiped at start.
# Ports: $MAILVAULT_STRESS_PORT (default 21243; +1 IMAPS, +2 HTTP, +3 SMTP) and
# $DOVECOT_STRESS_PORT (default 21250), apart from imap-load.sh's. ImapTest: $IMAPTEST (default
# ~/.cache/imaptest/imaptest), built by ../shared/tools/imaptest/build.sh when missing. Needs root
# (to install and run Dovecot as a system user) or an installed dovecot-imapd.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The read-only mix: sessions stay logged in (logout=0) and only read. ImapTest's "-" first
# zeroes every command but LOGIN, SELECT and LOGOUT (imaptest.c), then each STATE=P[,AGAIN] sets
# a probability in percent (client-state.c). SORT is left out on purpose: Mailvault does not
# implement SORT yet and would answer BAD at once, which would flatter its figure.
readonly_mix='- logout=0 select=100 list=50 status=50 fetch=100 fetch2=100,30 search=50'
default_readonly_mix=$readonly_mix

clients=10 users=20 messages=400 warmup=10 duration=30 only=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2 ;;
    --users) users=$2 ;;
    --messages) messages=$2 ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2 ;;
    --only) only="$only ${2//,/ }" ;;
    --readonly-mix) readonly_mix=$2 ;; # e.g. without search=50, to see the other reads alone
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
servers=(mailvault dovecot-plain dovecot-crypt dovecot-argon2id)
for name in $only; do
  if [[ ! " ${servers[*]} " == *" $name "* ]]; then
    echo "--only: unknown server $name (known: ${servers[*]})" >&2
    exit 2
  fi
done
wanted() { [[ -z $only || " $only " == *" $1 "* ]]; }

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
# The launcher rebuilds the server jar by its own rule (any newer source); doing it now keeps the
# build out of the timed start-up below.
./mailvault --version >/dev/null
build_jars

imaptest=${IMAPTEST:-$HOME/.cache/imaptest/imaptest}
if [[ ! -x $imaptest ]]; then
  "${IMAPTEST_TOOLS:-$root/../shared/tools/imaptest}/build.sh"
fi

dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/imaptest-stress}
mv_port=${MAILVAULT_STRESS_PORT:-21243}
dc_port=${DOVECOT_STRESS_PORT:-21250}
password=load-bench-password
pattern='load%d@bench.test'
first_user=1
mailvault_via=launcher
dovecot_instance=imaptest-stress
mbox=$dir/imaptest.mbox

rm -rf "$dir"
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
trap cleanup EXIT

load_java dev.mailvault.bench.imap.ImapTestMbox --messages "$messages" --out "$mbox"
chmod 644 "$mbox"

tree_rss_kib() { # pid: VmRSS summed over the process and all its descendants
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      for (p in parent) {
        for (q = p; q != "" && q != 0 && q != 1; q = parent[q]) {
          if (q == root) { sum += rss[p]; break }
        }
      }
      print sum + 0
    }'
}

measure() { # name port pid
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
  # the same mail as $mbox, by construction (one seed); checked here once
  cmp -s "$dir/seed.mbox" "$mbox" || { echo "seeded mail differs from $mbox" >&2; exit 1; }
  rm -f "$dir/seed.mbox"
}

if wanted mailvault; then
  start_mailvault 1000
  seed "$mv_port"
  measure mailvault "$mv_port" "$mailvault_pid"
  echo "rssBytes=$(($(awk '/^VmRSS:/ { print $2 }' "/proc/$mailvault_pid/status") * 1024))" \
    >>"$dir/mailvault.properties"
  stop_mailvault
fi

run_dovecot() { # name crypt scheme
  dc_dir=$dir/$1 dovecot_crypt=$2 dovecot_scheme=$3
  start_dovecot
  seed "$dc_port"
  if [[ $2 == yes ]]; then check_dovecot_encrypts; fi
  measure "$1" "$dc_port" "$dovecot_pid"
  echo "rssBytes=$(($(tree_rss_kib "$dovecot_pid") * 1024))" >>"$dir/$1.properties"
  stop_dovecot
}
if wanted dovecot-plain; then run_dovecot dovecot-plain no SSHA256; fi
if wanted dovecot-crypt; then run_dovecot dovecot-crypt yes SSHA256; fi
if wanted dovecot-argon2id; then run_dovecot dovecot-argon2id yes ARGON2ID; fi

{
  echo "# ImapTest stress: Mailvault and Dovecot"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)," \
    "Mailvault via $mailvault_launcher ($(java -version 2>&1 | head -1))," \
    "$(dovecot --version | cut -d' ' -f1) (Debian), ImapTest $(cat "$(dirname "$imaptest")/REVISION" 2>/dev/null || echo '?')," \
    "$(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  # shellcheck disable=SC2086 # word splitting squeezes the spaces
  only_list=$(echo $only | tr ' ' ,)
  echo "Command: \`${MAILVAULT_LOAD_JAVA_OPTS:+MAILVAULT_LOAD_JAVA_OPTS='$MAILVAULT_LOAD_JAVA_OPTS' }bench/imaptest-stress.sh" \
    "--clients $clients --users $users --messages $messages --warmup $warmup" \
    "--duration $duration${only_list:+ --only $only_list}$(
      [[ $readonly_mix != "$default_readonly_mix" ]] && echo " --readonly-mix '$readonly_mix'")\`"
  echo
  echo "Each measured run: \`imaptest host=127.0.0.1 port=PORT 'user=$pattern' users=$users" \
    "pass=… mbox=imaptest.mbox clients=$clients msgs=$messages secs=$duration [MIX]\`," \
    "after the same for $warmup s (discarded). Default mix: ImapTest's own. Read-only mix:" \
    "\`$readonly_mix\` (no SORT: Mailvault lacks it)."
  echo
  load_java dev.mailvault.bench.imap.ImapTestStressReport \
    "Mailvault=$dir/mailvault.properties" \
    "Dovecot plain=$dir/dovecot-plain.properties" \
    "Dovecot + mail_crypt=$dir/dovecot-crypt.properties" \
    "Dovecot + mail_crypt + Argon2id=$dir/dovecot-argon2id.properties"
  echo
  echo "Commands/s: the sum of ImapTest's Totals line over the measured seconds. CPU: the" \
    "server's process tree (Dovecot: master, login, auth and one imap process per session," \
    "reaped children included). RSS after both mixes: Mailvault's JVM (VmRSS); Dovecot's sum" \
    "of VmRSS over its process tree, which counts pages shared between processes more than once;" \
    "read once ImapTest has disconnected, so Dovecot's per-session imap processes are gone." \
    "Error: lines: ImapTest's, both mixes; 0 for a correct server. Dovecot plain and" \
    "+ mail_crypt use SSHA256 password hashes; the last column Argon2id at m=12 MiB, t=3, p=1."
} | tee "$dir/imaptest-stress.md"
