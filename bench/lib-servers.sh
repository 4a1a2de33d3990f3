# Shared by bench/imap-load.sh, bench/imaptest-stress.sh and bench/pop3-load.sh (sourced, not
# run): builds the jars, starts Mailvault and an unprivileged Dovecot on loopback with the same
# users and password, and stops them. The caller sets, before calling these functions:
#   root dir users password pattern mv_port dc_port   (required)
#   first_user      number of the first user (default 0: load0 ..; ImapTest counts from 1)
#   mailvault_via   jar (default: java -cp the server jar, Main serve) or launcher (./mailvault
#                   serve, as a person starts it); MAILVAULT_LOAD_JAVA_OPTS goes to the JVM
#   dc_dir          Dovecot's scratch directory (default $dir/dovecot)
#   dovecot_crypt   yes (default: mail_crypt with per-user keys under the password) or no
#   dovecot_scheme  ARGON2ID (default, Mailvault's m=12 MiB, t=3, p=1) or SSHA256 (cheap)
#   mv_pop3_port    when set, Mailvault's POP3 port (MAILVAULT_POP3_PORT; POP3S on the next one),
#                   and start_mailvault waits for it too
#   dc_pop3_port    when set, Dovecot serves POP3 on it as well (dovecot-pop3d)
#   mv_extra_env    an array of more NAME=value settings for Mailvault (e.g. submission ports)
#   mv_data_ready   yes: $dir/mailvault already holds the domain and aliases (a copied data
#                   directory); start_mailvault creates none
# and calls `trap cleanup EXIT`.

bench_jar=bench/target/benchmarks.jar
server_jar=server/target/mailvault.jar
pids=()
dovecot_pidfiles=()

stale() { # jar, modules...
  local jar=$1
  shift
  [[ ! -f $jar ]] || [[ -n $(find pom.xml "$@" -newer "$jar" \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit) ]]
}

build_jars() { # [bench: only the bench jar, for a run without Mailvault]
  if [[ ${1:-} != bench ]] &&
    stale "$server_jar" core store directory protocol mailauth outbound imap smtp pop3 server; then
    echo "Building $server_jar ..." >&2
    ./mvnw -q -B -DskipTests -pl server -am package
  fi
  if stale "$bench_jar" core store directory protocol imap bench; then
    echo "Building $bench_jar ..." >&2
    ./mvnw -q -B -DskipTests -pl bench -am package
  fi
}

load_java() { java -cp "$root/$bench_jar" "$@"; }

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for f in "${dovecot_pidfiles[@]}"; do
    if [[ -f $f ]]; then
      kill "$(cat "$f")" 2>/dev/null || true
    fi
  done
}

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

wait_exit() { # pid, name
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "$2 (pid $1) still runs 60 s after SIGTERM" >&2
  return 1
}

# --- Mailvault -------------------------------------------------------------------------------
mailvault_launcher=''
start_mailvault() { # connections per IP
  local data=$dir/mailvault first=${first_user:-0}
  mkdir -p "$data"
  if [[ ${mv_data_ready:-no} != yes ]]; then
    echo "Mailvault: creating $users aliases ..." >&2
    java -jar "$server_jar" domain add bench.test --data "$data" >/dev/null
    for ((i = first; i < first + users; i++)); do
      # shellcheck disable=SC2059
      printf '%s' "$password" |
        java -jar "$server_jar" alias add "$(printf "$pattern" "$i")" --data "$data" \
          --password-stdin >/dev/null
    done
  fi
  local env=(MAILVAULT_DATA="$data" MAILVAULT_BIND=127.0.0.1 MAILVAULT_IMAP_PORT="$mv_port"
    MAILVAULT_IMAPS_PORT=$((mv_port + 1)) MAILVAULT_HTTP_PORT=$((mv_port + 2)) MAILVAULT_HTTPS_PORT=0
    MAILVAULT_SMTP_PORT=$((mv_port + 3)) MAILVAULT_POP3_PORT=$((mv_port + 4))
    MAILVAULT_POP3S_PORT=$((mv_port + 5)) MAILVAULT_IMAP_CONNECTIONS_PER_IP="$1"
    # the server-wide ceiling (ADR 0175) must not stop the memory mode's thousands of sessions
    MAILVAULT_IMAP_MAX_CONNECTIONS=$(($1 > 2000 ? $1 : 2000)))
  if [[ -n ${mv_pop3_port:-} ]]; then
    # settings are looked up by name (server/.../config/Settings.java), so a build without POP3
    # ignores these two; then the wait for the port below says so
    env+=(MAILVAULT_POP3_PORT="$mv_pop3_port" MAILVAULT_POP3S_PORT=$((mv_pop3_port + 1)))
  fi
  if [[ -n ${mv_extra_env+x} ]]; then
    env+=("${mv_extra_env[@]}")
  fi
  if [[ ${mailvault_via:-jar} == launcher ]]; then
    # exactly as a person runs it: the launcher execs java with $MAILVAULT_JAVA_OPTS, so any
    # default it gains applies here too; the pid stays the JVM's
    if [[ -n ${MAILVAULT_LOAD_JAVA_OPTS:-} ]]; then
      env+=(MAILVAULT_JAVA_OPTS="$MAILVAULT_LOAD_JAVA_OPTS")
      mailvault_launcher="./mailvault serve, MAILVAULT_JAVA_OPTS='$MAILVAULT_LOAD_JAVA_OPTS'"
    else
      mailvault_launcher="./mailvault serve"
    fi
    env -u MAILVAULT_JAVA_OPTS "${env[@]}" "$root/mailvault" serve >"$dir/mailvault.log" 2>&1 &
  else
    local java_opts=(${MAILVAULT_LOAD_JAVA_OPTS:-})
    mailvault_launcher="mailvault serve ($server_jar)"
    env "${env[@]}" java "${java_opts[@]}" -cp "$server_jar" dev.mailvault.server.Main serve \
      >"$dir/mailvault.log" 2>&1 &
  fi
  mailvault_pid=$!
  pids+=("$mailvault_pid")
  wait_port "$mv_port" "$mailvault_pid" Mailvault
  if [[ -n ${mv_pop3_port:-} ]]; then
    wait_port "$mv_pop3_port" "$mailvault_pid" "Mailvault (POP3)"
  fi
  echo "Mailvault: pid $mailvault_pid on 127.0.0.1:$mv_port${mv_pop3_port:+ (POP3 $mv_pop3_port)}" \
    "via $mailvault_launcher" >&2
}

stop_mailvault() {
  kill "$mailvault_pid" 2>/dev/null || true
  wait_exit "$mailvault_pid" Mailvault
}

# --- Dovecot ---------------------------------------------------------------------------------
start_dovecot() {
  if ! command -v dovecot >/dev/null || [[ ! -f /usr/lib/dovecot/imap ]]; then
    echo "Installing dovecot-imapd ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null
  fi
  if [[ -n ${dc_pop3_port:-} && ! -f /usr/lib/dovecot/pop3 ]]; then
    echo "Installing dovecot-pop3d ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-pop3d >/dev/null
  fi
  local d=${dc_dir:-$dir/dovecot} run_as=() user group
  local crypt=${dovecot_crypt:-yes} scheme=${dovecot_scheme:-ARGON2ID}
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
    --first-user "${first_user:-0}" --scheme "$scheme" --password "$password" --out "$d/users"
  local heading plugins='' override='' plugin_block=''
  if [[ $crypt == yes ]]; then
    heading="# Dovecot for the IMAP load benchmark: loopback only, plaintext login, Maildir, mail_crypt with
# a key pair per user (folder keys) whose private key is encrypted under the user's password."
    plugins="mail_plugins = \$mail_plugins mail_crypt
# mail_crypt keeps the user's and folders' keys in mailbox attributes
mail_attribute_dict = file:%h/dovecot-attributes"
    override="  override_fields = userdb_mail_crypt_private_password=%w"
    plugin_block="plugin {
  mail_crypt_curve = prime256v1
  mail_crypt_save_version = 2
  mail_crypt_require_encrypted_user_key = yes
}"
  else
    heading="# Dovecot for the IMAP benchmarks: loopback only, plaintext login, Maildir, no mail_crypt."
  fi
  local hash_comment
  if [[ $scheme == ARGON2ID ]]; then
    hash_comment="# Argon2id hashes with Mailvault's parameters (m=12 MiB, t=3, p=1): the same cost per login"
  else
    hash_comment="# $scheme hashes: a cheap check per login, to see Dovecot without a slow password hash"
  fi
  {
    echo "$heading"
    cat <<EOF
base_dir = $d/run
state_dir = $d/state
instance_name = ${dovecot_instance:-imap-load}
listen = 127.0.0.1
protocols = imap${dc_pop3_port:+ pop3}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $d/dovecot.log
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = $(id -u "$user")
mail_location = maildir:$d/mail/%u
EOF
    if [[ -n $plugins ]]; then echo "$plugins"; fi
    cat <<EOF
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
EOF
    if [[ -n ${dc_pop3_port:-} ]]; then
      cat <<EOF
# POP3 as the IMAP side: loopback, plaintext login, the same high-performance login mode; UIDL
# values from UIDVALIDITY and UID (%v, %u), as Mailvault derives its own (issue 12)
pop3_uidl_format = %08Xv%08Xu
service pop3-login {
  chroot =
  service_count = 0
  process_min_avail = 2
  inet_listener pop3 {
    address = 127.0.0.1
    port = $dc_pop3_port
  }
  inet_listener pop3s {
    port = 0
  }
}
# a third login service of up to 1000 processes: auth and anvil must take a client from each
service auth {
  client_limit = 3100
}
EOF
    fi
    cat <<EOF
service anvil {
  chroot =
  client_limit = $((${dc_pop3_port:+1000} + 2100))
}
$hash_comment
passdb {
  driver = passwd-file
  args = scheme=$scheme username_format=%u $d/users
EOF
    if [[ -n $override ]]; then echo "$override"; fi
    cat <<EOF
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/users
  default_fields = uid=$user gid=$group home=$d/home/%u
}
EOF
    if [[ -n $plugin_block ]]; then echo "$plugin_block"; fi
  } >"$d/dovecot.conf"
  if [[ ${#run_as[@]} -gt 0 ]]; then
    chown -R "$user:$group" "$d"
    chmod 755 "$dir"
  fi
  dovecot_pidfiles+=("$d/run/master.pid")
  "${run_as[@]}" dovecot -c "$d/dovecot.conf"
  wait_port "$dc_port" "" Dovecot
  if [[ -n ${dc_pop3_port:-} ]]; then wait_port "$dc_pop3_port" "" "Dovecot (POP3)"; fi
  # the master may write its pid file after the listeners are up
  for _ in $(seq 1 50); do [[ -s $d/run/master.pid ]] && break; sleep 0.2; done
  dovecot_pid=$(cat "$d/run/master.pid")
  echo "Dovecot: master pid $dovecot_pid on 127.0.0.1:$dc_port${dc_pop3_port:+ (POP3 $dc_pop3_port)}" \
    "($(dovecot --version))" >&2
}

stop_dovecot() {
  kill "$dovecot_pid" 2>/dev/null || true
  wait_exit "$dovecot_pid" Dovecot
}

check_dovecot_encrypts() {
  # mail_crypt's files start with "CRYPTED": no plaintext of the seeded letters on disk
  local sample
  sample=$(find "${dc_dir:-$dir/dovecot}/mail" -path '*/cur/*' -type f -print -quit)
  if [[ -z $sample ]] || [[ $(head -c 7 "$sample") != CRYPTED ]]; then
    echo "Dovecot's stored mail is not encrypted ($sample): check mail_crypt" >&2
    exit 1
  fi
}
