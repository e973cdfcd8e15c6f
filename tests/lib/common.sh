# shellcheck shell=bash
# Shared by the script tests. Source it first thing:  . "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
# Gives each test its own directory ($T_DIR), removed on success and kept (and named) on
# failure, plus small assertion helpers. Exit code 77 means "skipped" to CTest.
set -euo pipefail

: "${PGFIT_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${PGFIT:=$PGFIT_SOURCE_DIR/build/release/pgfit}"
export PGFIT PGFIT_SOURCE_DIR

T_NAME=$(basename "${BASH_SOURCE[1]:-test}" .sh)
T_DIR=$(mktemp -d "/tmp/pgfit-test-$T_NAME.XXXXXX")
chmod 755 "$T_DIR"
_t_cleanups=()

# Runs "$@" when the test ends, last registered first (e.g. stop a server, remove a cgroup).
on_exit() { _t_cleanups=("$*" "${_t_cleanups[@]}"); }

_t_finish() {
    local status=$?
    for cleanup in "${_t_cleanups[@]}"; do
        eval "$cleanup" || true
    done
    if [ "$status" -eq 0 ] || [ "$status" -eq 77 ]; then
        rm -rf "$T_DIR"
    else
        echo "test $T_NAME failed (exit $status); its files are kept in $T_DIR" >&2
    fi
    exit "$status"
}
trap _t_finish EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
note() { echo "-- $*" >&2; }

assert_eq() { # actual expected what
    [ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"
}
assert_contains() { # haystack needle what
    case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $1" ;; esac
}
assert_not_contains() { # haystack needle what
    case "$1" in *"$2"*) fail "$3: '$2' must not appear in: $1" ;; *) ;; esac
}

require_root() { [ "$(id -u)" -eq 0 ] || skip "needs root: $*"; }

# The one way the tests become the postgres OS user, keeping the environment: setpriv execs in
# place (runuser would stay as the parent), so it can also start a PID 1 that is postgres.
AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups)
as_postgres() { "${AS_POSTGRES[@]}" "$@"; }

# The directory holding postgres, initdb, pg_ctl of the newest installed major.
pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] || skip "no PostgreSQL server installed under /usr/lib/postgresql"
    echo "$dir"
}

# Polls "$@" every 0.1 s until it succeeds or `seconds` pass.
wait_until() { # seconds command...
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

# A TCP port on 127.0.0.1 that nothing listens on right now, below the kernel's ephemeral range:
# a client connection the kernel gave the same local port makes a server's bind to 0.0.0.0 fail,
# and postgres then listens on IPv6 alone (127.0.0.1 never answers).
free_port() {
    local port low=32768
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    [ "$low" -gt 12000 ] 2>/dev/null || low=32768
    for _ in $(seq 200); do
        port=$((10000 + RANDOM % (low - 10000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    fail "no free TCP port found"
}
