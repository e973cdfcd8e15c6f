#!/usr/bin/env bash
# Every malformed variable of the server path stops pgfit before anything starts (no postgres
# run, PGDATA untouched) with exit 2 and one line naming the variable, whichever stage consumes
# it; the same spelling is accepted or refused alike everywhere (a replication role in any
# case; one CPU bound). The official image's own refusals keep their exit code 1.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"

PGDATA_DIR="$T_DIR/data"
mkdir -p "$PGDATA_DIR"
run() { # expected-status env...
    local expected=$1
    shift
    env -i PATH=/nonexistent PGDATA="$PGDATA_DIR" POSTGRES_PASSWORD=pw "$@" "$PGFIT" postgres \
        >"$T_DIR/out" 2>"$T_DIR/err" && STATUS=0 || STATUS=$?
    assert_eq "$STATUS" "$expected" "exit status with $*"
    [ -z "$(ls -A "$PGDATA_DIR")" ] || fail "PGDATA was touched with $*"
}

check() { # variable value expected-message...
    local variable=$1 value=$2 message=$3
    shift 3
    run 2 "$variable=$value" "$@"
    assert_eq "$(cat "$T_DIR/err")" "pgfit: ERROR: $message" "message for $variable=$value"
}

check PGFIT_REINIT_INCOMPLETE maybe \
    "PGFIT_REINIT_INCOMPLETE: 'maybe' is not a switch; use true or false (also 1/0, yes/no, on/off)"
check PGFIT_DATA_CHECKSUMS maybe \
    "PGFIT_DATA_CHECKSUMS: 'maybe' is not a switch; use true or false (also 1/0, yes/no, on/off)"
check PGFIT_REFRESH_COLLATION always \
    "PGFIT_REFRESH_COLLATION: \"always\" is not a choice; use warn, reindex or off"
check PGFIT_EXEC maybe "PGFIT_EXEC: 'maybe' is not a switch; use true or false (also 1/0, yes/no, on/off)"
check PGFIT_LOG_LEVEL verbose "PGFIT_LOG_LEVEL: 'verbose' is not a log level; use debug, info, warning or error"
check PGPORT 99999 "PGPORT: '99999' is not a TCP port; expected a number from 1 to 65535"
check POSTGRES_MEMORY lots \
    "POSTGRES_MEMORY: \"lots\" is not a memory size; use a number of MiB (512) or a number with a unit: 512M, 2G, 2GiB, 1536MB, 1.5GB"
check POSTGRES_CPUS 5000 \
    "POSTGRES_CPUS: \"5000\" is not a CPU count; use a number greater than 0 and at most 4096, such as 2 or 1.5"
check POSTGRES_REPLICATION_ROLE leader \
    "POSTGRES_REPLICATION_ROLE: \"leader\" is not a replication role; use primary or replica"
check POSTGRES_PRIMARY_PORT x \
    "POSTGRES_PRIMARY_PORT: 'x' is not a TCP port; expected a number from 1 to 65535" \
    POSTGRES_REPLICATION_ROLE=replica POSTGRES_PRIMARY_HOST=primary POSTGRES_REPLICATION_PASSWORD=r
# A role in another case is read alike by the tuner and by the replica: what is missing next
# is the primary's host, not a second opinion on the role.
check POSTGRES_REPLICATION_ROLE Replica \
    "POSTGRES_PRIMARY_HOST: not set; a replica (POSTGRES_REPLICATION_ROLE=replica) needs the host name or address of its primary"

note "the official image's refusal keeps its exit code"
run 1 POSTGRES_PASSWORD=x POSTGRES_PASSWORD_FILE="$T_DIR/pw"
assert_eq "$(cat "$T_DIR/err")" "error: both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set (but are exclusive)" \
    "the official both-set message"

