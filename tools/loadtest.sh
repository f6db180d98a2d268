#!/usr/bin/env bash
# Runs a CleanChat load test on this machine: builds Release, starts a fresh server on its own SQLite
# file (Development environment for the seeded admin, login limits lifted for the generator's logins),
# runs tools/CleanChat.LoadTest with the given arguments against it, and stops the server.
#
#   tools/loadtest.sh --scenario one-to-one --connections 1000 --rates 1,3,5
#   tools/loadtest.sh --scenario rooms --connections 1000 --rates 1,2,3
#   tools/loadtest.sh --scenario idle --connections 10000 --sockets-per-account 10
#
# Extra server settings can be passed as environment variables (e.g. Database__Synchronous=Normal).
# LOADTEST_SERVER_ENV="NAME=value ..." sets variables for the server process alone (runtime knobs, say).
# LOADTEST_POSTGRES="Host=…;Port=…;Username=…;Password=…" runs the server on PostgreSQL instead of SQLite, on a
# fresh database created there for the run (the role must be allowed to create databases; psql is used).
# LOADTEST_NODES=2 (with LOADTEST_POSTGRES) starts a second node on the next port, on the same database, and
# connects every other socket to it: each 1:1 message then crosses nodes (the sender on one, the reader on the other).
# LOADTEST_SERVER=node runs the same load against the Node.js comparison server in tools/node-compare
# instead (installed with npm on first use), so both are measured by one generator in one sitting.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${LOADTEST_PORT:-8000}
db=${LOADTEST_DB:-$(mktemp -d)/load.db}
target=${LOADTEST_SERVER:-cleanchat}
dotnet build -c Release tools/CleanChat.LoadTest -v quiet -nologo >/dev/null
if [ "$target" = node ]; then
  [ -d tools/node-compare/node_modules/better-sqlite3/build ] || (cd tools/node-compare && npm ci --no-audit --no-fund >/dev/null)
else
  dotnet build -c Release src/WebApi -v quiet -nologo >/dev/null
fi

# Enough descriptors for 10,000 sockets on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

server_dir=src/WebApi/bin/Release/net10.0
provider=Sqlite
connection="Data Source=$db"
if [ -n "${LOADTEST_POSTGRES:-}" ]; then
  pg_field() { echo "$LOADTEST_POSTGRES" | tr ';' '\n' | grep -i "^$1=" | head -n 1 | cut -d= -f2-; }
  pg_db="cleanchat_load_$(date +%s)_$$"
  PGPASSWORD="$(pg_field Password)" psql -q -h "$(pg_field Host)" -p "$(pg_field Port)" -U "$(pg_field Username)" -d postgres -c "CREATE DATABASE $pg_db"
  provider=Postgres
  connection="$(echo "$LOADTEST_POSTGRES" | tr ';' '\n' | grep -iv '^Database=' | paste -sd ';');Database=$pg_db"
fi
if [ "$target" = node ]; then
  (exec env ${LOADTEST_SERVER_ENV:-} node tools/node-compare/server.mjs --port "$port" --db "$db") > "$db.server.log" 2>&1 &
else
start_node() {
(
  cd "$server_dir"
  ASPNETCORE_ENVIRONMENT=Development \
  Database__Provider="$provider" \
  ConnectionStrings__CleanChat="$connection" \
  LoginRateLimit__PerAddressPermits=1000000 \
  LoginRateLimit__PerAccountPermits=1000000 \
  Realtime__MaxConnectionsPerParticipant="${Realtime__MaxConnectionsPerParticipant:-10}" \
  Logging__LogLevel__Default=Warning \
  Logging__LogLevel__CleanChat=Warning \
  exec env ${LOADTEST_SERVER_ENV:-} dotnet CleanChat.WebApi.dll --urls "http://127.0.0.1:$1"
) > "$db.server$1.log" 2>&1 &
}
start_node "$port"
fi
server=$!
servers="$server"
second_node=()
if [ "${LOADTEST_NODES:-1}" = 2 ] && [ "$provider" = Postgres ]; then
  # The first node migrates and seeds the database; the second starts once it is up.
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  start_node "$((port + 1))"
  servers="$server,$!"
  second_node=(--second-url "http://127.0.0.1:$((port + 1))")
fi
trap 'kill ${servers//,/ } 2>/dev/null || true; wait 2>/dev/null || true' EXIT

for node_port in $port $([ ${#second_node[@]} -gt 0 ] && echo $((port + 1))); do
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$node_port/health" >/dev/null && break
    sleep 0.2
  done
done

git_commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "# $target server ($provider), commit $git_commit, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
dotnet tools/CleanChat.LoadTest/bin/Release/net10.0/CleanChat.LoadTest.dll --url "http://127.0.0.1:$port" --server-pid "$servers" "${second_node[@]}" "$@"
