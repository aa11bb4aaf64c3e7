# A throw-away PostgreSQL server on loopback for the tests; sourced by .ci/run.
#
#   postgres_start DIR   install PostgreSQL from Debian's packages if it is missing, make a
#                        cluster in DIR, start it on 127.0.0.1 at a free port, create the
#                        database kb_test, and export KB_TEST_POSTGRES_URL for the tests
#   postgres_stop DIR    stop that server (safe to call when it never started)
#
# Its own cluster in a temporary folder, not Debian's main cluster: nothing of the machine's is
# touched, a server already on 5432 is no obstacle, and stopping it removes everything.

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# postgres refuses to run as root, so as root the server runs as the user the package made.
postgres_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  local dir="$1" bin port
  bin="$(postgres_bin)"
  if [ -z "$bin" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "--- postgres: not installed and not root; the PostgreSQL tests will be skipped"
      return 0
    fi
    echo "--- postgres: installing from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >/dev/null
    apt-get install -y -qq postgresql </dev/null >/dev/null
    # The package may start a cluster of its own; this script only wants the one below.
    { pg_lsclusters --no-header 2>/dev/null || true; } | while read -r version name _; do
      pg_ctlcluster "$version" "$name" stop >/dev/null 2>&1 || true
    done
    bin="$(postgres_bin)"
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  postgres_as "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  # The socket goes in DIR, and TCP only on loopback.
  postgres_as "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
    -o "-k $dir -h 127.0.0.1 -p $port" start >/dev/null
  postgres_as "$bin/createdb" --host=127.0.0.1 --port="$port" --username=postgres kb_test
  export KB_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/kb_test"
  echo "--- postgres: $("$bin/postgres" --version) on 127.0.0.1:$port"
}

postgres_stop() {
  local dir="$1" bin
  bin="$(postgres_bin)"
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    postgres_as "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
  fi
}
