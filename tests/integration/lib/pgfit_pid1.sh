# The one PID-1 launcher of the integration tests; source it after tests/lib/common.sh.
# Every test that runs pgfit (or a control) as PID 1 goes through the compiled harness
# pgfit_test_pidns (tests/supervise/harness/pidns.cpp): a new PID and mount namespace with its
# own /proc, optional bind mounts, and a pidfile written as soon as PID 1 exists (no guessing
# which process is the init), and the init's exact exit status as the harness's own.
#
#   PIDNS, PAYLOAD                     the harness and the payload program (tests/supervise)
#   start_pid1 NAME [--log] [--env VAR=value]... [--bind SRC:DST]... [--ignore|--block SIGS]...
#              [--] COMMAND...         COMMAND as PID 1, in the background; sets INIT (its PID
#                                      seen from here) and RUNNER (the harness)
#   runner_done                        whether the harness has exited
#   finish NAME [SECONDS]              waits for the harness and sets STATUS to the init's status
#   ns_sh INIT SCRIPT                  SCRIPT with sh inside INIT's PID and mount namespaces
#   sleep_states INIT                  "<running> <zombies>" among INIT's `sleep` processes
#   zombies_in INIT                    how many processes of INIT's namespace are zombies
#   make_orphans INIT N                N short-lived orphans adopted by INIT
#   SOCK                               a socket directory for the servers of this test
#   new_pgdata DIR                     an initialised cluster owned by postgres (trust)
#   start_server NAME [VAR=value...] [-- POSTGRES-ARGS...]
#                                      pgfit as PID 1 (as postgres) runs $T_DIR/data on $SOCK;
#                                      sets POSTMASTER
#   psql_sock SQL                      SQL as postgres over $SOCK; unaligned rows
#   server_ready                       whether the server on $SOCK accepts connections
#   postmaster_of PID                  the postgres child of the pgfit process PID
#   process_report PID                 PID and its descendants: state, wait channel, system
#                                      call and kernel stack (what a stuck start is waiting on)

PIDNS="${PGFIT_BUILD_DIR:-$PGFIT_SOURCE_DIR/build/release}/tests/pgfit_test_pidns"
PAYLOAD="${PGFIT_BUILD_DIR:-$PGFIT_SOURCE_DIR/build/release}/tests/pgfit_test_payload"
[ -x "$PIDNS" ] && [ -x "$PAYLOAD" ] || fail "test harness not built: $PIDNS, $PAYLOAD"

# Output goes to $T_DIR/NAME.out and NAME.err, or with --log both to NAME.log (in the order
# written). With --env, COMMAND gets exactly those variables, through the environment as from
# a container runtime (never in an argv); without, the test's environment. The other options
# go to the harness. The namespace is killed when the test ends.
start_pid1() {
    local name=$1 combined=0 variables=() harness=()
    shift
    while [ $# -gt 0 ]; do
        case "$1" in
        --) shift && break ;;
        --log) combined=1 ;;
        --env) variables+=("$2") && shift ;;
        --bind | --ignore | --block) harness+=("$1" "$2") && shift ;;
        *) break ;;
        esac
        shift
    done
    rm -f "$T_DIR/$name.pid"
    if [ "$combined" = 1 ]; then
        (_exec_pidns "$name" "${#variables[@]}" "${variables[@]}" "${harness[@]}" -- "$@") \
            >"$T_DIR/$name.log" 2>&1 &
    else
        (_exec_pidns "$name" "${#variables[@]}" "${variables[@]}" "${harness[@]}" -- "$@") \
            >"$T_DIR/$name.out" 2>"$T_DIR/$name.err" &
    fi
    RUNNER=$!
    on_exit "kill -KILL $RUNNER 2>/dev/null"
    wait_until 30 test -s "$T_DIR/$name.pid" ||
        fail "$name: no namespace init started: $(cat "$T_DIR/$name".{err,log} 2>/dev/null)"
    INIT=$(cat "$T_DIR/$name.pid")
    on_exit "kill -KILL $INIT 2>/dev/null"
}

# _exec_pidns NAME COUNT VAR=value... HARNESS-OPTIONS... -- COMMAND... (in a subshell)
_exec_pidns() {
    local name=$1 count=$2
    shift 2
    if [ "$count" -gt 0 ]; then
        for variable in $(compgen -e); do
            unset "$variable" 2>/dev/null || true
        done
        export "${@:1:count}"
        shift "$count"
    fi
    exec "$PIDNS" --pidfile "$T_DIR/$name.pid" "$@"
}

# Whether the background harness has exited (a zombie until `wait` collects it).
runner_done() {
    local state
    state=$(ps -o stat= -p "$RUNNER" 2>/dev/null) || return 0
    case "$state" in Z*) return 0 ;; *) return 1 ;; esac
}

# finish NAME [SECONDS] — waits for the background harness (at most SECONDS, default 120) and
# sets STATUS to its exit status, which is the init's. (Not in $(...): a subshell cannot wait
# for it.)
finish() {
    local name=$1 seconds=${2:-120} log="$T_DIR/$1.err"
    [ -e "$log" ] || log="$T_DIR/$1.log"
    wait_until "$seconds" runner_done ||
        fail "$name: still running after ${seconds}s: $(tail -30 "$log")"
    STATUS=0
    wait "$RUNNER" || STATUS=$?
}

# ns_sh INIT SCRIPT — runs SCRIPT with sh inside INIT's PID and mount namespaces (an exec
# session: its parent is outside the namespace).
ns_sh() { nsenter -t "$1" -p -m sh -c "$2"; }

# sleep_states INIT — "<running> <zombies>" among the `sleep` processes of INIT's namespace.
sleep_states() {
    ns_sh "$1" 'r=0; z=0
        for f in /proc/[0-9]*/stat; do
            s=$(cat "$f" 2>/dev/null) || continue
            case "$s" in *"(sleep) Z "*) z=$((z + 1)) ;; *"(sleep) "*) r=$((r + 1)) ;; esac
        done
        echo "$r $z"'
}

# zombies_in INIT — how many processes of INIT's namespace are zombies.
zombies_in() {
    ns_sh "$1" 'z=0
        for f in /proc/[0-9]*/stat; do
            s=$(cat "$f" 2>/dev/null) || continue
            s=${s##*")"}
            case "$s" in " Z "*) z=$((z + 1)) ;; esac
        done
        echo "$z"'
}

# make_orphans INIT N — N short-lived orphans made inside INIT's namespace from an exec session:
# each `sleep` outlives its subshell and is adopted by the namespace's PID 1.
make_orphans() {
    ns_sh "$1" "for i in \$(seq $2); do (sleep 0.\$((i % 9 + 1)) >/dev/null 2>&1 &); done"
}

# new_pgdata DIR — an initialised cluster owned by postgres (trust, no TCP needed).
new_pgdata() {
    mkdir -p "$1"
    chown postgres: "$1"
    chmod 700 "$1"
    as_postgres "$(pg_bindir)/initdb" -D "$1" -U postgres -A trust >"$T_DIR/initdb.log" 2>&1 ||
        fail "initdb failed: $(cat "$T_DIR/initdb.log")"
}

# start_server NAME [VAR=value...] [-- POSTGRES-ARGS...] — pgfit as PID 1 runs postgres on the
# test's cluster ($T_DIR/data, made by new_pgdata) as the postgres user, on the test's socket
# only; waits until it accepts connections. Sets POSTMASTER, its PID inside the namespace.
start_server() {
    local name=$1 variables=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        variables+=("$1")
        shift
    done
    [ $# -eq 0 ] || shift
    start_pid1 "$name" -- "${AS_POSTGRES[@]}" env PATH="$(pg_bindir):$PATH" PGDATA="$T_DIR/data" \
        "${variables[@]}" "$PGFIT" postgres -c listen_addresses= -k "$SOCK" "$@"
    wait_until 60 server_ready ||
        fail "$name: server not ready: $(cat "$T_DIR/$name.err"; process_report "$INIT")"
    POSTMASTER=$(head -1 "$T_DIR/data/postmaster.pid")
}

# A private socket directory for the servers of this test.
SOCK="$T_DIR/sock"
mkdir -p "$SOCK"
chown postgres: "$SOCK" 2>/dev/null || true

# psql_sock SQL — runs SQL through the test's socket as postgres; prints unaligned rows.
psql_sock() { as_postgres psql -h "$SOCK" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# server_ready — whether the server of this test accepts connections.
server_ready() { as_postgres pg_isready -q -h "$SOCK" -d postgres; }

# postmaster_of PID — the postmaster started by the pgfit process PID (its only postgres child).
postmaster_of() { pgrep -P "$1" -x postgres | head -1; }

# process_report PID — PID and every process below it: command, state, wait channel, the system
# call it is in and its kernel stack (root only); for a test that gives up waiting, it tells a
# pgfit stuck in a system call (an fsync on a stalled disk) from one that spins.
process_report() {
    local pid=$1 child
    [ -d "/proc/$pid" ] || return 0
    echo "--- process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"
    grep -E '^(State|voluntary_ctxt_switches|nonvoluntary_ctxt_switches):' "/proc/$pid/status"
    echo "wchan: $(cat "/proc/$pid/wchan" 2>/dev/null); syscall: $(cat "/proc/$pid/syscall" 2>/dev/null)"
    cat "/proc/$pid/stack" 2>/dev/null
    for child in $(pgrep -P "$pid"); do
        process_report "$child"
    done
}
