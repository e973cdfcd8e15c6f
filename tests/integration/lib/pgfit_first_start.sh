# The real pgfit start of a container, for the tests of first start, init scripts, shipped SQL
# and replicas; source it after tests/lib/common.sh. pgfit runs as PID 1 through the one
# launcher (pgfit_pid1.sh) with a clean environment, a PGDATA, socket directory and init
# directories inside $T_DIR, and $USER_DIR bind-mounted on /docker-entrypoint-initdb.d in its
# namespace only; the server is reached over TCP on a free port (psql.sh).
#
#   PGBIN PGDATA_DIR SOCKET_DIR PORT   the server binaries, and where the cluster lives
#   SHIPPED_DIR                        PGFIT_INITDB_DIR by default (empty: a test's own files)
#   USER_DIR                           what the container sees as /docker-entrypoint-initdb.d
#   start_pgfit NAME [VAR=value...] [-- POSTGRES-ARGS...]
#                                      pgfit in the background; its output in $T_DIR/NAME.log;
#                                      sets PGFIT_PID (seen from here) and RUNNER
#   run_pgfit NAME [VAR=value...]      a start expected to end by itself; sets STATUS
#   wait_ready_tcp NAME                until the real server answers on TCP
#   stop_pgfit NAME                    SIGTERM to pgfit; expects exit code 0
#   marker_state                       the first line of PGDATA's init marker
#   count_lines FILE TEXT              how many lines of FILE contain TEXT
#   IMAGE_INITDB_DIR, IMAGE_ENV        the image's shipped init scripts (initdb.d) and the
#                                      environment the image gives them (docker/Dockerfile)
#   rerun_image_scripts                the next first start runs initdb.d twice
#   new_cluster                        the next start is a first start again
#   assert_logged NAME SEVERITY TEXT WHAT
#                                      NAME.log reports TEXT at SEVERITY (NOTICE, ERROR)

. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_pid1.sh"
require_root "pgfit drops to the postgres user and the tests mount in a private namespace"
PGBIN=$(pg_bindir)
PGDATA_DIR=$T_DIR/data
SOCKET_DIR=$T_DIR/run
SHIPPED_DIR=$T_DIR/shipped.d # PGFIT_INITDB_DIR
USER_DIR=$T_DIR/user.d       # bind-mounted on /docker-entrypoint-initdb.d in the namespace
mkdir -p "$SHIPPED_DIR" "$USER_DIR"
PORT=$(free_port)
CLEAN_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Every start gets these; tests add the POSTGRES_* variables they are about (a later
# assignment of the same name wins).
# (LSAN_OPTIONS matters only for an ASan build of pgfit; see lsan.supp.)
BASE_ENV=(PATH="$CLEAN_PATH" PGDATA="$PGDATA_DIR" PGFIT_SOCKET_DIR="$SOCKET_DIR"
    PGFIT_INITDB_DIR="$SHIPPED_DIR" PGPORT="$PORT"
    LSAN_OPTIONS="suppressions=$PGFIT_SOURCE_DIR/tests/cluster/lsan.supp")

# start_pgfit NAME [VAR=value...] [-- postgres-args...] — pgfit in the background as PID 1 of a
# new namespace; output in $T_DIR/NAME.log. Sets PGFIT_PID (pgfit, seen from here) and RUNNER.
# $BEFORE_PGFIT, when set, is shell code run in the namespace just before pgfit takes over PID 1.
start_pgfit() {
    local name=$1 variables=()
    shift
    for variable in "${BASE_ENV[@]}"; do
        variables+=(--env "$variable")
    done
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        variables+=(--env "$1")
        shift
    done
    [ $# -gt 0 ] && shift
    local command=("$PGFIT" postgres -c "unix_socket_directories=$SOCKET_DIR" "$@")
    [ -z "${BEFORE_PGFIT:-}" ] || command=(sh -c 'eval "$0"; exec "$@"' "$BEFORE_PGFIT" "${command[@]}")
    start_pid1 "$name" --log "${variables[@]}" --bind "$USER_DIR:/docker-entrypoint-initdb.d" \
        -- "${command[@]}"
    PGFIT_PID=$INIT
}

# run_pgfit NAME [VAR=value...] — a start that is expected to end by itself (an error).
run_pgfit() {
    start_pgfit "$@"
    finish "$1"
}

tcp_ready() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

# wait_ready_tcp NAME — until the real server answers on TCP (the temporary one has no TCP);
# fails at once when pgfit ends first (a failed init). The limit is generous: on a shared CI
# machine a start once sat 2 minutes after init, with nothing logged, before its server.
wait_ready_tcp() {
    wait_until 300 tcp_ready_or_ended || true
    tcp_ready && return
    runner_done && fail "$1: pgfit ended before the server was ready: $(tail -30 "$T_DIR/$1.log")"
    fail "$1: server not ready: $(tail -30 "$T_DIR/$1.log"; process_report "$PGFIT_PID")"
}
tcp_ready_or_ended() { tcp_ready || runner_done; }

# stop_pgfit NAME — SIGTERM to pgfit; expects a clean exit 0.
stop_pgfit() {
    kill -TERM "$PGFIT_PID"
    finish "$1"
    assert_eq "$STATUS" 0 "$1: exit code after SIGTERM"
}

marker_state() { head -1 "$PGDATA_DIR/pgfit-init.state" 2>/dev/null || echo "no marker"; }

count_lines() { grep -c -F -- "$2" "$1" || true; }

# The image's own init scripts, for the tests of what they do at a real first start: pass
# "${IMAGE_ENV[@]}" to start_pgfit, what docker/Dockerfile sets for them.
IMAGE_INITDB_DIR=$PGFIT_SOURCE_DIR/initdb.d
IMAGE_ENV=(PGFIT_INITDB_DIR="$IMAGE_INITDB_DIR" POSTGRES_PGAUDIT_LOG=ddl,role)

# rerun_image_scripts — copies initdb.d into $USER_DIR, so that the next first start runs every
# shipped script twice through pgfit's runner, from PGFIT_INITDB_DIR and then again from
# /docker-entrypoint-initdb.d: the second run must fail nothing and change nothing.
rerun_image_scripts() { cp -r "$IMAGE_INITDB_DIR/." "$USER_DIR/"; }

# new_cluster — removes PGDATA and what $USER_DIR holds: the next start is a first start again.
new_cluster() {
    rm -rf "$PGDATA_DIR"
    find "$USER_DIR" -mindepth 1 -delete
}

# assert_logged NAME SEVERITY TEXT WHAT — a line of $T_DIR/NAME.log reports TEXT at SEVERITY
# (pgfit's runner writes "SEVERITY: TEXT", psql "SEVERITY:  TEXT").
assert_logged() {
    grep -F -- "$3" "$T_DIR/$1.log" | grep -q -E "(^|[ :])$2: +" ||
        fail "$4: no $2 line with '$3' in: $(tail -40 "$T_DIR/$1.log")"
}
