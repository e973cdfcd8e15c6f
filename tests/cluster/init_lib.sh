# Shared by the first-start integration tests (tests/integration/init_*.sh); source it after
# tests/lib/common.sh. Runs the real pgfit as PID 1 of a new PID and mount namespace
# (`unshare --pid --fork --mount-proc`) with a clean environment, a PGDATA, socket directory
# and init directories inside $T_DIR, and talks to the server over TCP on a free port.

require_root "pgfit drops to the postgres user and the tests mount in a private namespace"
command -v unshare >/dev/null || skip "unshare (util-linux) is not installed"
PGBIN=$(pg_bindir)
PGDATA_DIR=$T_DIR/data
SOCKET_DIR=$T_DIR/run
SHIPPED_DIR=$T_DIR/shipped.d # PGFIT_INITDB_DIR
USER_DIR=$T_DIR/user.d       # bind-mounted on /docker-entrypoint-initdb.d in the namespace
mkdir -p "$SHIPPED_DIR" "$USER_DIR"
PORT=$(free_port)
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Every start gets these; tests add the POSTGRES_* variables they are about.
# (LSAN_OPTIONS matters only for an ASan build of pgfit; see lsan.supp.)
BASE_ENV=(PATH="$CLEAN_PATH" PGDATA="$PGDATA_DIR" PGFIT_SOCKET_DIR="$SOCKET_DIR"
    PGFIT_INITDB_DIR="$SHIPPED_DIR" PGPORT="$PORT"
    LSAN_OPTIONS="suppressions=$PGFIT_SOURCE_DIR/tests/cluster/lsan.supp")

# start_pgfit NAME [VAR=value...] [-- postgres-args...] — pgfit in the background as PID 1 of a
# new namespace; output in $T_DIR/NAME.log. Sets PGFIT_PID (pgfit, seen from here) and RUNNER.
# $BEFORE_PGFIT, when set, is shell code run in the namespace just before pgfit takes over PID 1.
start_pgfit() {
    local name=$1
    shift
    local assignments=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        assignments+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    [ -d /docker-entrypoint-initdb.d ] || mkdir -p /docker-entrypoint-initdb.d
    # The variables travel in the environment, as from a container runtime: not in any argv.
    local binary=$PGFIT
    (
        for variable in $(compgen -e); do
            unset "$variable" 2>/dev/null || true
        done
        export "${BASE_ENV[@]}" "${assignments[@]}"
        exec unshare --pid --fork --mount-proc --kill-child sh -c '
            mount --bind "$0" /docker-entrypoint-initdb.d || exit 99
            eval "$1"
            shift
            exec "$@"' "$USER_DIR" "${BEFORE_PGFIT:-}" "$binary" postgres -c "unix_socket_directories=$SOCKET_DIR" "$@"
    ) >"$T_DIR/$name.log" 2>&1 &
    RUNNER=$!
    on_exit "kill -KILL $RUNNER 2>/dev/null"
    wait_until 30 started_or_done || fail "$name: pgfit did not start"
    PGFIT_PID=$(pgrep -P "$RUNNER" || true) # empty when it has already ended
    # --kill-child does not reach pgfit once it has become postgres (a credential change
    # clears the parent-death signal): end the namespace through its PID 1.
    [ -z "$PGFIT_PID" ] || on_exit "kill -KILL $PGFIT_PID 2>/dev/null"
}

# The runner is the subshell until it execs unshare; before that its children are only
# command substitutions, so a child counts once the runner is unshare.
started_or_done() {
    { [ "$(ps -o comm= -p "$RUNNER" 2>/dev/null)" = unshare ] && pgrep -P "$RUNNER" >/dev/null; } ||
        runner_done
}

runner_done() {
    local state
    state=$(ps -o stat= -p "$RUNNER" 2>/dev/null) || return 0
    case "$state" in Z*) return 0 ;; *) return 1 ;; esac
}

# finish NAME [SECONDS] — waits for pgfit to end and sets STATUS to its exit code.
finish() {
    local name=$1 seconds=${2:-120}
    wait_until "$seconds" runner_done || fail "$name: still running after ${seconds}s: $(tail -20 "$T_DIR/$name.log")"
    STATUS=0
    wait "$RUNNER" || STATUS=$?
}

# run_pgfit NAME [VAR=value...] — a start that is expected to end by itself (an error).
run_pgfit() {
    start_pgfit "$@"
    finish "$1"
}

tcp_ready() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

# wait_ready NAME — until the real server answers on TCP (the temporary one has no TCP).
wait_ready() {
    wait_until 120 tcp_ready || fail "$1: server not ready: $(tail -30 "$T_DIR/$1.log")"
}

# stop_pgfit NAME — SIGTERM to pgfit; expects a clean exit 0.
stop_pgfit() {
    kill -TERM "$PGFIT_PID"
    finish "$1"
    assert_eq "$STATUS" 0 "$1: exit code after SIGTERM"
}

# An address of this machine that is not loopback: initdb trusts 127.0.0.1, so only a login from
# here proves that the password (and the pg_hba catch-all line) works, as from another container.
OUTSIDE_ADDRESS=$(ip -4 -o addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -1)
[ -n "$OUTSIDE_ADDRESS" ] || skip "no non-loopback IPv4 address to log in from"

# sql USER PASSWORD DB QUERY — over TCP from $OUTSIDE_ADDRESS with a password; unaligned tuples.
sql() {
    PGPASSWORD=$2 "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$OUTSIDE_ADDRESS" -p "$PORT" \
        -U "$1" -d "$3" -c "$4"
}

marker_state() { head -1 "$PGDATA_DIR/pgfit-init.state" 2>/dev/null || echo "no marker"; }

count_lines() { grep -c -F -- "$2" "$1" || true; }
