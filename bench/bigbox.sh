#!/usr/bin/env bash
# The 100,000-message mailbox benchmark (BENCHMARKS.md, "The 100,000-message mailbox"; issue 14;
# docs/adr/0227-bigbox-benchmark.md):
#
#   bench/bigbox.sh [--messages 100000] [--seed 14] [--rounds 5] [--idle-sessions 50]
#                   [--only NAME[,NAME...]] [--steps GROUP[,GROUP...]] [--reimport]
#
# Builds once, into a cache outside the repository ($MAILVAULT_BIGBOX_CACHE, default
# ~/.cache/mailvault-bigbox; never committed), a seeded Maildir of --messages messages (the MIME
# corpus of /work/shared/testdata/mime and generated letters of 5 KB to 2 MB:
# dev.mailvault.bench.bigbox.BigBoxCorpus), Mailvault's vault of it (`mailvault import --from
# maildir`, timed) and Dovecot + mail_crypt's encrypted copy (`doveadm import`, timed). Then, one
# server at a time and each alone, on loopback:
#   mailvault      Mailvault (`java -cp server.jar ... serve`) on a copy of the cached data directory
#   dovecot-plain  Debian's Dovecot, plain Maildir (a copy of the corpus), SSHA256 password hash
#   dovecot-crypt  Dovecot + mail_crypt (per-user keys under the password), Argon2id hashes at
#                  Mailvault's cost, on a copy of the cached encrypted Maildir
# measures every step of dev.mailvault.bench.bigbox.BigBoxProbe (medians of --rounds after one
# untimed round), and writes the table to $dir/bigbox.md. --steps picks some of the probe's groups
# (login, search, fetch, sort, qresync, memory; default all).
#
# Scratch directory: $MAILVAULT_LOAD_DIR (default bench/target/bigbox), wiped at start. Ports:
# $MAILVAULT_BIGBOX_PORT (default 31500; +1..+5 its other listeners), Dovecot plain on +10 and
# Dovecot + mail_crypt on +20. Needs root (to install Dovecot and run it as a system user) or an
# installed dovecot-imapd.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

messages=100000 seed=14 rounds=5 idle_sessions=50 only='' reimport=no steps=''
while [[ $# -gt 0 ]]; do
  case $1 in
    --messages) messages=$2 ;;
    --seed) seed=$2 ;;
    --rounds) rounds=$2 ;;
    --idle-sessions) idle_sessions=$2 ;;
    --only) only="$only ${2//,/ }" ;;
    --steps) steps=$2 ;;
    --reimport) reimport=yes; shift; continue ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
wanted() { [[ -z $only || " $only " == *" $1 "* ]]; }

# shellcheck source=bench/lib-servers.sh
source bench/lib-servers.sh
build_jars

cache=${MAILVAULT_BIGBOX_CACHE:-$HOME/.cache/mailvault-bigbox}
corpus=$cache/corpus-$messages-$seed
dir=${MAILVAULT_LOAD_DIR:-$root/bench/target/bigbox}
mv_port=${MAILVAULT_BIGBOX_PORT:-31500}
password=bigbox-bench-password
pattern='big%d@bench.test'
user=big0@bench.test
users=1
dovecot_instance=bigbox

rm -rf "$dir"
mkdir -p "$dir" "$cache"
chmod 755 "$cache"
trap cleanup EXIT

load_java dev.mailvault.bench.bigbox.BigBoxCorpus --out "$corpus" --messages "$messages" \
  --seed "$seed"
chmod -R a+rX "$corpus"

probe() { # label port out [memory-kind pid]
  local args=(--port "$2" --user "$user" --password "$password"
    --corpus "$corpus/corpus.properties" --label "$1" --out "$3" --rounds "$rounds"
    --idle-sessions "$idle_sessions")
  if [[ -n ${4:-} ]]; then args+=(--memory "$4" --pid "$5"); fi
  if [[ -n $steps ]]; then args+=(--steps "$steps"); fi
  load_java dev.mailvault.bench.bigbox.BigBoxProbe "${args[@]}"
}

columns=()
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# --- Mailvault -------------------------------------------------------------------------------
vault_cache=$cache/mailvault-$messages-$seed
if wanted mailvault; then
  if [[ $reimport == yes || ! -f $vault_cache/.imported ]]; then
    rm -rf "$vault_cache"
    mkdir -p "$vault_cache"
    java -jar "$server_jar" domain add bench.test --data "$vault_cache" >/dev/null
    printf '%s' "$password" |
      java -jar "$server_jar" alias add "$user" --data "$vault_cache" --password-stdin >/dev/null
    echo "Mailvault: importing $messages messages (mailvault import --from maildir) ..." >&2
    start=$(date +%s.%N)
    printf '%s' "$password" | java -jar "$server_jar" import "$user" --from maildir \
      "$corpus/maildir" --data "$vault_cache" --password-stdin 2>/dev/null
    echo "seconds=$(elapsed "$start")" >"$vault_cache/.imported"
  fi
  cp -a "$vault_cache" "$dir/mailvault"
  mv_data_ready=yes
  start_mailvault $((2 * idle_sessions + 20))
  probe Mailvault "$mv_port" "$dir/mailvault.properties" jvm "$mailvault_pid"
  stop_mailvault
  columns+=("$dir/mailvault.properties")
fi

# --- Dovecot ---------------------------------------------------------------------------------
dovecot_user_dirs() { # dovecot dir: the user's Maildir and home
  echo "$1/mail/$user" "$1/home/$user"
}

if wanted dovecot-plain; then
  dc_port=$((mv_port + 10)) dc_dir=$dir/dovecot-plain dovecot_crypt=no dovecot_scheme=SSHA256
  mkdir -p "$dc_dir/mail"
  cp -a "$corpus/maildir" "$dc_dir/mail/$user"
  start_dovecot
  probe "Dovecot (plain)" "$dc_port" "$dir/dovecot-plain.properties" pss "$dovecot_pid"
  stop_dovecot
  columns+=("$dir/dovecot-plain.properties")
fi

crypt_cache=$cache/dovecot-crypt-$messages-$seed
if wanted dovecot-crypt; then
  dc_port=$((mv_port + 20)) dc_dir=$dir/dovecot-crypt dovecot_crypt=yes dovecot_scheme=ARGON2ID
  read -r mail home < <(dovecot_user_dirs "$dc_dir")
  if [[ $reimport == yes || ! -f $crypt_cache/.imported ]]; then
    rm -rf "$crypt_cache"
    start_dovecot
    # the first login makes the user's key pair, encrypted under the password
    load_java dev.mailvault.bench.bigbox.BigBoxProbe --port "$dc_port" --user "$user" \
      --password "$password" --only-login true
    echo "Dovecot + mail_crypt: importing $messages messages (doveadm import) ..." >&2
    start=$(date +%s.%N)
    # doveadm writes its index and uidlist beside the mail it reads: a copy it may write to
    cp -a "$corpus/maildir" "$dc_dir/import-source"
    chown -R "$(stat -c %U:%G "$dc_dir/mail")" "$dc_dir/import-source"
    doveadm -c "$dc_dir/dovecot.conf" -o "plugin/mail_crypt_private_password=$password" \
      import -u "$user" "maildir:$dc_dir/import-source" "" all
    rm -rf "$dc_dir/import-source"
    seconds=$(elapsed "$start")
    check_dovecot_encrypts
    stop_dovecot
    mkdir -p "$crypt_cache"
    cp -a "$mail" "$crypt_cache/mail"
    cp -a "$home" "$crypt_cache/home"
    echo "seconds=$seconds" >"$crypt_cache/.imported"
    rm -rf "$dc_dir"
  fi
  mkdir -p "$dc_dir/mail" "$dc_dir/home"
  cp -a "$crypt_cache/mail" "$mail"
  cp -a "$crypt_cache/home" "$home"
  start_dovecot
  check_dovecot_encrypts
  probe "Dovecot + mail_crypt" "$dc_port" "$dir/dovecot-crypt.properties" pss "$dovecot_pid"
  stop_dovecot
  columns+=("$dir/dovecot-crypt.properties")
fi

{
  echo "# The 100,000-message mailbox"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)," \
    "Mailvault via $mailvault_launcher ($(java -version 2>&1 | head -1))," \
    "$(dovecot --version | cut -d' ' -f1) (Debian), $(nproc) cores," \
    "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Command: \`bench/bigbox.sh --messages $messages --seed $seed --rounds $rounds" \
    "--idle-sessions $idle_sessions${steps:+ --steps $steps}\`. Corpus: $(printf "%'d" "$(grep -c . <(ls "$corpus/maildir/cur"))")" \
    "messages, $(($(grep '^bytes=' "$corpus/corpus.properties" | cut -d= -f2) >> 20)) MB," \
    "$(grep '^mime_messages=' "$corpus/corpus.properties" | cut -d= -f2) of them from the MIME" \
    "corpus. Import: Mailvault $(cut -d= -f2 "$vault_cache/.imported" 2>/dev/null || echo '?') s," \
    "Dovecot + mail_crypt $(cut -d= -f2 "$crypt_cache/.imported" 2>/dev/null || echo '?') s."
  echo
  load_java dev.mailvault.bench.bigbox.BigBoxReport "$corpus/corpus.properties" "${columns[@]}"
} | tee "$dir/bigbox.md"
