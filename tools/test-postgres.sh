#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and local trials: a temporary folder, owned by an
# unprivileged user, listening on a loopback port only, trusting nobody without the password.
#   tools/test-postgres.sh start   prints the connection string to use (and writes it to $DIR/connection)
#   tools/test-postgres.sh stop    stops the cluster and removes its folder
# DIR defaults to /tmp/cleanchat-pg; PORT to 55432. Needs Debian's postgresql package (15 or later).
set -euo pipefail

DIR="${CLEANCHAT_PG_DIR:-/tmp/cleanchat-pg}"
PORT="${CLEANCHAT_PG_PORT:-55432}"
PASSWORD="${CLEANCHAT_PG_PASSWORD:-cleanchat-tests}"

bin_dir() {
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$newest" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$newest"
}

# initdb refuses to run as root: the cluster belongs to the postgres user (or to the caller if not root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

connection_string() {
  echo "Host=127.0.0.1;Port=$PORT;Username=cleanchat;Password=$PASSWORD;Database=postgres"
}

case "${1:-}" in
  start)
    BIN=$(bin_dir)
    if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      connection_string
      exit 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
    pwfile="$DIR/pw"
    as_owner bash -c "umask 077; echo '$PASSWORD' > '$pwfile'"
    as_owner "$BIN/initdb" -D "$DIR/data" -U cleanchat --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    # Durable as in production (fsync on); sized for a test run of many small databases.
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c max_connections=400 -c shared_buffers=128MB" start >/dev/null
    connection_string | tee "$DIR/connection"
    ;;
  stop)
    if [ -d "$DIR/data" ]; then
      as_owner "$(bin_dir)/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
