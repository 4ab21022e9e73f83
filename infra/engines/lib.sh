# Shared helpers for the engine scripts. Sourced, never run.
# Everything an engine writes (installs, data, logs, pid files) lives under
# $ENGINES_DIR, which defaults to the git-ignored .data/engines at the repo root.

ENGINES_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$ENGINES_SRC/../.." && pwd)"
ENGINES_DIR="${LT_ENGINES_DIR:-$REPO_ROOT/.data/engines}"
# Seconds to wait for an engine to answer before giving up.
READY_TIMEOUT="${LT_ENGINES_TIMEOUT:-120}"

log() { printf '[%s] %s\n' "${ENGINE:-engines}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Make sure the engines dir exists and is an absolute path (the engines
# are started from other working directories).
init_engines_dir() {
  mkdir -p "$ENGINES_DIR"
  ENGINES_DIR="$(cd "$ENGINES_DIR" && pwd)"
}

# Print the last lines of a log file, so a failure explains itself in CI output.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    log "---- last $lines lines of $file ----"
    tail -n "$lines" "$file" >&2
    log "---- end of $file ----"
  else
    log "(log $file is empty or missing)"
  fi
}

# True when something accepts TCP connections on host:port.
port_open() {
  local host="$1" port="$2"
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# pid_of FILE PATTERN: print the pid from FILE if that process is alive and its
# command line contains PATTERN (a recycled pid then does not count as ours).
pid_of() {
  local file="$1" pattern="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
  echo "$pid"
}

# wait_until DESCRIPTION LOGFILE PID CHECK_FN...: poll CHECK_FN once a second
# until it succeeds. Fails early if PID dies, and after READY_TIMEOUT seconds;
# either way the log tail is printed.
wait_until() {
  local what="$1" logfile="$2" pid="$3"; shift 3
  local start=$SECONDS
  while ! "$@"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "$what: process $pid exited before it was ready"
      show_log_tail "$logfile"
      return 1
    fi
    if (( SECONDS - start >= READY_TIMEOUT )); then
      log "$what: not ready after ${READY_TIMEOUT}s"
      show_log_tail "$logfile"
      return 1
    fi
    sleep 1
  done
  log "$what ready after $((SECONDS - start))s"
}

# stop_pid NAME PIDFILE PATTERN: SIGTERM, wait for a clean exit, SIGKILL only
# as a last resort (a killed broker or database has to recover its logs later).
stop_pid() {
  local name="$1" file="$2" pattern="$3" pid i
  if ! pid="$(pid_of "$file" "$pattern")"; then
    log "$name not running"
    rm -f "$file"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; log "$name stopped"; return 0; }
    sleep 1
  done
  log "$name did not stop within 60s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

# start_bg PIDFILE OUTFILE CMD...: start CMD detached from this shell (own
# session via setsid, so a Ctrl-C or the end of a CI step does not hit it),
# with stdout/stderr to OUTFILE, and record its pid.
start_bg() {
  local pidfile="$1" out="$2"; shift 2
  # No job control in scripts, so the child is not a process-group leader and
  # setsid execs in place: $! is the engine's own pid.
  setsid "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$pidfile"
}
