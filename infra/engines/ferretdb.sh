#!/usr/bin/env bash
# FerretDB 1.24.2 (MongoDB wire protocol) on our own PostgreSQL cluster, or on
# SQLite, without Docker.
#   infra/engines/ferretdb.sh up|down|status
# Env: LT_FERRETDB_PORT (27018), LT_FERRETDB_BACKEND (auto|pg|sqlite; auto = pg,
#      or sqlite when PostgreSQL cannot be used here), LT_FERRETDB_DEBUG_PORT
#      (unset = debug HTTP handler off), LT_PG_PORT (54329), LT_PG_OS_USER
#      (postgres), LT_ENGINES_DIR, LT_ENGINES_TIMEOUT.
set -euo pipefail
ENGINE=ferretdb
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FERRETDB_VERSION=v1.24.2
FERRETDB_PORT="${LT_FERRETDB_PORT:-27018}"
FERRETDB_DEBUG_PORT="${LT_FERRETDB_DEBUG_PORT:-}"
BACKEND_WANTED="${LT_FERRETDB_BACKEND:-auto}"
PG_PORT="${LT_PG_PORT:-54329}"
PG_OS_USER="${LT_PG_OS_USER:-postgres}"
HOST=127.0.0.1

init_engines_dir
BIN="$ENGINES_DIR/bin/ferretdb"
FDIR="$ENGINES_DIR/ferretdb"
PIDFILE="$FDIR/ferretdb.pid"
FLOG="$FDIR/logs/ferretdb.log"
BACKEND_FILE="$FDIR/backend"   # backend of the running (or last) instance
PGDIR="$ENGINES_DIR/postgres"  # whole tree owned by the PostgreSQL OS user
PGDATA="$PGDIR/data"
PGRUN="$PGDIR/run"             # unix socket dir
PGLOG="$PGDIR/postgres.log"

# ---------------------------------------------------------------- FerretDB --

# `go install .../cmd/ferretdb@v1.24.2` builds a binary that panics at start:
# the module on the proxy lacks the generated build/version/version.txt. So we
# fetch the same module with `go mod download`, add that file, and build it.
#
# The source is patched before building (ferretdb-id-equality.patch, docs/reliability.md): FerretDB
# 1.24 turns `_id` equality into `_jsonb->'_id' @> …`, which its unique btree index cannot serve, so
# every get, replace and upsert by `_id` scanned its whole table, and a load slowed down as the
# store grew. The patch compares a string `_id` with `=`, which the index serves.
PATCH="$(dirname "${BASH_SOURCE[0]}")/ferretdb-id-equality.patch"
install_ferretdb() {
  local stamp
  stamp="$FERRETDB_VERSION $(sha256sum "$PATCH" | cut -c1-16)"
  if [[ -x "$BIN" ]] && "$BIN" --version 2>/dev/null | grep -qx "version: $FERRETDB_VERSION" &&
    [[ "$(cat "$BIN.build" 2>/dev/null)" == "$stamp" ]]; then
    return 0
  fi
  command -v go >/dev/null || die "go not found"
  log "building FerretDB $FERRETDB_VERSION into $BIN"
  local start=$SECONDS src="$FDIR/src" mod
  mkdir -p "$FDIR/logs" "$(dirname "$BIN")"
  export GOTOOLCHAIN=local GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false"
  mod="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$mod" ]] || die "go mod download of FerretDB $FERRETDB_VERSION failed"
  rm -rf "$src"
  cp -r "$mod" "$src"
  chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  patch -s -d "$src" -p1 <"$PATCH" || die "patching FerretDB failed ($PATCH)"
  if ! (cd "$src" && go build -trimpath -o "$BIN" ./cmd/ferretdb) >"$FDIR/logs/build.log" 2>&1; then
    show_log_tail "$FDIR/logs/build.log"
    die "FerretDB build failed"
  fi
  rm -rf "$src"
  echo "$stamp" >"$BIN.build"
  log "built in $((SECONDS - start))s"
}

# A real MongoDB wire round trip: OP_MSG {ping: 1, $db: "admin"}, then look
# for {ok: 1.0} in the reply. Pure bash, so readiness needs no driver.
mongo_ping() {
  local msg
  # header(len 51, id 1, responseTo 0, opCode 2013) flags(0) kind(0) BSON(30 bytes)
  msg='\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00'
  msg+='\x00\x00\x00\x00\x00'
  msg+='\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\x24db\x00\x06\x00\x00\x00admin\x00\x00'
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "$3" >&3
    len=$(dd bs=1 count=4 <&3 2>/dev/null | od -An -tu4 | tr -d " \n")
    [[ "$len" =~ ^[0-9]+$ ]] && (( len > 4 && len < 65536 )) || exit 1
    dd bs=1 count=$((len - 4)) <&3 2>/dev/null | od -An -v -tx1 | tr -d " \n"
  ' _ "$HOST" "$FERRETDB_PORT" "$msg" 2>/dev/null | grep -q '016f6b00000000000000f03f'
}

# The ping alone: a bare TCP probe would log a "connection reset" warning each time.
ferretdb_ready() {
  mongo_ping
}

start_ferretdb() {
  local backend="$1" pid
  local args=(--listen-addr="$HOST:$FERRETDB_PORT" --state-dir="$FDIR/state"
    --telemetry=disable --log-level=info)
  if [[ -n "$FERRETDB_DEBUG_PORT" ]]; then
    args+=(--debug-addr="$HOST:$FERRETDB_DEBUG_PORT")
  else
    args+=(--debug-addr=-)
  fi
  if [[ "$backend" == pg ]]; then
    args+=(--handler=postgresql --postgresql-url="postgres://postgres@$HOST:$PG_PORT/ferretdb")
  else
    mkdir -p "$FDIR/sqlite"
    args+=(--handler=sqlite --sqlite-url="file:$FDIR/sqlite/")
  fi
  mkdir -p "$FDIR/state" "$FDIR/logs"
  echo "$backend" >"$BACKEND_FILE"
  log "starting on $HOST:$FERRETDB_PORT, backend $backend (log: $FLOG)"
  echo "---- start $(date -Is) backend=$backend" >>"$FLOG"
  DO_NOT_TRACK=1 start_bg "$PIDFILE" "$FLOG" "$BIN" "${args[@]}"
  pid="$(cat "$PIDFILE")"
  if ! wait_until "ferretdb" "$FLOG" "$pid" ferretdb_ready; then
    # Leave nothing half-started holding the ports for the next attempt.
    cmd_down
    exit 1
  fi
}

# -------------------------------------------------------------- PostgreSQL --

# Newest PostgreSQL server from Debian's packages, if any is installed.
find_pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [[ -n "$d" && -x "$d/postgres" && -x "$d/initdb" ]] && echo "$d"
}

install_pg_server() {
  find_pg_bindir >/dev/null && return 0
  [[ $EUID -eq 0 ]] || return 1
  log "installing PostgreSQL server (apt-get)"
  # The package may create and start its own 'main' cluster on 5432; we never
  # use it (our cluster has its own data dir and port).
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$ENGINES_DIR/apt.log" 2>&1 &&
    apt-get install -y -qq --no-install-recommends postgresql >>"$ENGINES_DIR/apt.log" 2>&1 ||
    { show_log_tail "$ENGINES_DIR/apt.log"; return 1; }
  find_pg_bindir >/dev/null
}

# The server refuses to run as root, so as root we run it as $PG_OS_USER;
# as an ordinary user we run it as ourselves.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

# Can the server's OS user own and reach $PGDIR? Not when an ancestor
# directory is private to root (a checkout under /root, say).
prepare_pg_dir() {
  mkdir -p "$PGDIR"
  if [[ $EUID -eq 0 ]]; then
    if ! id "$PG_OS_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
    fi
    chown "$PG_OS_USER:" "$PGDIR"
  fi
  as_pg test -w "$PGDIR" -a -x "$PGDIR" 2>/dev/null
}

pg_running() {
  local bindir="$1"
  [[ -f "$PGDATA/postmaster.pid" ]] && as_pg "$bindir/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1
}

start_pg() {
  local bindir="$1"
  mkdir -p "$PGRUN"
  [[ $EUID -eq 0 ]] && chown -R "$PG_OS_USER:" "$PGDIR"
  if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
    log "initdb $PGDATA"
    # trust is fine: the server listens on 127.0.0.1 and a private socket dir only.
    as_pg "$bindir/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --no-locale \
      >"$PGDIR/initdb.log" 2>&1 || { show_log_tail "$PGDIR/initdb.log"; die "initdb failed"; }
  fi
  if pg_running "$bindir"; then
    log "postgres already running"
  else
    if port_open "$HOST" "$PG_PORT"; then
      die "port $PG_PORT is taken by another process (set LT_PG_PORT)"
    fi
    log "starting postgres on $HOST:$PG_PORT"
    as_pg "$bindir/pg_ctl" start -D "$PGDATA" -l "$PGLOG" -w -t "$READY_TIMEOUT" \
      -o "-h $HOST -p $PG_PORT -k $PGRUN" >/dev/null 2>&1 ||
      { show_log_tail "$PGLOG"; die "postgres did not start"; }
  fi
  "$bindir/pg_isready" -q -h "$HOST" -p "$PG_PORT" -U postgres ||
    { show_log_tail "$PGLOG"; die "postgres not answering"; }
  if ! "$bindir/psql" -h "$HOST" -p "$PG_PORT" -U postgres -d postgres -tAc \
      "select 1 from pg_database where datname = 'ferretdb'" | grep -q 1; then
    "$bindir/createdb" -h "$HOST" -p "$PG_PORT" -U postgres ferretdb
  fi
}

stop_pg() {
  local bindir
  bindir="$(find_pg_bindir)" || return 0
  if pg_running "$bindir"; then
    log "stopping postgres"
    as_pg "$bindir/pg_ctl" stop -D "$PGDATA" -m fast -w -t 60 >/dev/null ||
      { show_log_tail "$PGLOG"; die "postgres did not stop"; }
  fi
}

# ------------------------------------------------------------------ choice --

# pg or sqlite, per LT_FERRETDB_BACKEND. "auto" falls back to sqlite (loudly)
# only when PostgreSQL cannot run here at all.
choose_backend() {
  case "$BACKEND_WANTED" in
    sqlite) echo sqlite; return 0 ;;
    pg|postgresql|auto) ;;
    *) die "LT_FERRETDB_BACKEND must be auto, pg or sqlite (got '$BACKEND_WANTED')" ;;
  esac
  local why=""
  if ! install_pg_server; then
    why="no PostgreSQL server binaries under /usr/lib/postgresql and cannot apt-get install them"
  elif ! prepare_pg_dir; then
    why="OS user '$PG_OS_USER' cannot reach $PGDIR (a parent dir is private?); set LT_ENGINES_DIR elsewhere"
  fi
  if [[ -z "$why" ]]; then
    echo pg
  elif [[ "$BACKEND_WANTED" == auto ]]; then
    log "WARNING: PostgreSQL unusable ($why); using the SQLite backend"
    echo sqlite
  else
    die "$why"
  fi
}

cmd_up() {
  local pid backend
  if pid="$(pid_of "$PIDFILE" "$BIN")"; then
    log "already running (pid $pid, backend $(cat "$BACKEND_FILE" 2>/dev/null))"
    wait_until "ferretdb" "$FLOG" "$pid" ferretdb_ready
    return 0
  fi
  if port_open "$HOST" "$FERRETDB_PORT"; then
    die "port $FERRETDB_PORT is taken by another process (set LT_FERRETDB_PORT)"
  fi
  install_ferretdb
  backend="$(choose_backend)"
  if [[ "$backend" == pg ]]; then
    start_pg "$(find_pg_bindir)"
  fi
  start_ferretdb "$backend"
}

cmd_down() {
  stop_pid ferretdb "$PIDFILE" "$BIN"
  # Stop our cluster even if the last run used sqlite: it may still be up.
  if [[ -f "$PGDATA/postmaster.pid" ]]; then
    stop_pg
  fi
}

# One line; exit 0 only when FerretDB answers a ping.
cmd_status() {
  local pid backend
  backend="$(cat "$BACKEND_FILE" 2>/dev/null || echo none)"
  if pid="$(pid_of "$PIDFILE" "$BIN")" && ferretdb_ready; then
    local extra=""
    [[ "$backend" == pg ]] && extra=", postgres on $HOST:$PG_PORT"
    echo "ferretdb running  $HOST:$FERRETDB_PORT  pid $pid  (FerretDB $FERRETDB_VERSION, backend $backend$extra)"
  elif [[ -n "${pid:-}" ]]; then
    echo "ferretdb starting $HOST:$FERRETDB_PORT  pid $pid  (no ping reply)"
    return 1
  else
    echo "ferretdb stopped  $HOST:$FERRETDB_PORT"
    return 1
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
