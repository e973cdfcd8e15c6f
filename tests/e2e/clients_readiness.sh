#!/usr/bin/env bash
# Readiness as the Testcontainers libraries see it, with the command Testcontainers Java gives
# (`postgres -c fsync=off`), on a first start with a slow init script and on a warm start of the
# same volume. Each library's signal, polled as the library polls it:
#   java-go  the log line "database system is ready to accept connections" twice: the temporary
#            and the real server (Java's PostgreSQLContainer: LogMessageWaitStrategy withTimes(2),
#            60 s; Go's module: ForLog(...).WithOccurrence(2))
#   node     the container's health check `pg_isready --host localhost` every 250 ms
#            (@testcontainers/postgresql 11)
#   python   `psql --host 127.0.0.1 -c 'select version();'` in the container (testcontainers-python)
# The moment a signal fires, one connection from outside (the published port) as POSTGRES_USER
# to POSTGRES_DB must work at once, on the real server (the postmaster still running at the end)
# and after the last init script. A signal that fires during init fails here.
#
# Warm start: the official image logs the line once (no temporary server), so Java's and Go's
# wait for two times out after 60 s there as well — Testcontainers starts from an empty volume.
# What a client of a reused volume can rely on, and what is asked here: exactly one line, and a
# connection at once after it.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/clients.sh"
require_runtime
outside_clients

mkdir "$T_DIR/initdb"
cat >"$T_DIR/initdb/slow.sql" <<'SQL'
SELECT pg_sleep(3);
CREATE TABLE init_done AS SELECT now() AS at;
SQL
chmod 644 "$T_DIR/initdb/slow.sql"

e2e_name volume "data"
docker volume create "$volume" >/dev/null

server=""
port=""
ready_needed=2

signal_java_go() { [ "$(ready_lines "$server")" -ge "$ready_needed" ]; }
signal_node() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$server")" = healthy ]; }
signal_python() {
    docker exec "$server" sh -c "PGPASSWORD='test' psql --username test --dbname test --host 127.0.0.1 -c 'select version();'"
}

# The real server's start time (epoch) as seen from outside, through the published port.
connect_once() {
    PGPASSWORD=test PGCONNECT_TIMEOUT=5 outside psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" \
        -U test -d test -c 'SELECT extract(epoch FROM pg_postmaster_start_time()) FROM init_done'
}

# In the background: until the signal fires (120 s at most), then one connection. The outcome
# goes to $T_DIR/result-SIGNAL: "ok START" or what went wrong.
watch() { # signal
    local result="$T_DIR/result-$1" output
    fired_or_gone() { [ "$(docker inspect -f '{{.State.Running}}' "$server")" != true ] || "signal_$1"; }
    if ! wait_until 120 fired_or_gone "$1"; then
        echo "the signal did not fire in 120 s" >"$result"
    elif [ "$(docker inspect -f '{{.State.Running}}' "$server")" != true ]; then
        echo "the container exited ($(docker inspect -f '{{.State.ExitCode}}' "$server")) before the signal fired" >"$result"
    elif output=$(connect_once 2>&1); then
        echo "ok $output" >"$result"
    else
        echo "the signal fired, but a connection from outside right after it failed: $output" >"$result"
    fi
}

start_round() { # what name
    local what=$1
    server=$2
    rm -f "$T_DIR"/result-*
    start_postgres "$server" -p 127.0.0.1::5432 -v "$volume:$E2E_VOLUME" \
        -v "$T_DIR/initdb:/docker-entrypoint-initdb.d:ro" \
        -e POSTGRES_USER=test -e POSTGRES_PASSWORD=test -e POSTGRES_DB=test \
        --health-cmd 'PGPASSWORD=test pg_isready --host localhost --username test --dbname test' \
        --health-interval 250ms --health-timeout 1s --health-retries 1000 \
        "$E2E_IMAGE" postgres -c fsync=off
    port=$(published_port "$server")
    local signal pids=()
    for signal in java_go node python; do
        watch "$signal" &
        pids+=($!)
    done
    wait "${pids[@]}"

    local started problems=""
    started=$(connect_once 2>&1) || fail "$what: no connection from outside after every signal: $started
$(docker_logs "$server" | tail -40)"
    for signal in java_go node python; do
        case $(cat "$T_DIR/result-$signal") in
        "ok $started") ;;
        ok*) problems+="
  $signal: the connection right after the signal reached a server that is gone (started $(cut -d' ' -f2 "$T_DIR/result-$signal"), the server now started $started)" ;;
        *) problems+="
  $signal: $(cat "$T_DIR/result-$signal")" ;;
        esac
    done
    [ -z "$problems" ] || fail "$what: client readiness signals that were wrong:$problems
its log:
$(docker_logs "$server" | tail -40)"
    assert_eq "$(PGPASSWORD=test outside psql -X -At -h 127.0.0.1 -p "$port" -U test -d test -c 'SHOW fsync')" \
        off "$what: the command's -c fsync=off"
}

note "first start (init script sleeping 3 s)"
e2e_name first "first"
start_round "first start" "$first"
assert_eq "$(ready_lines "$first")" 2 "first start: ready lines (the temporary and the real server)"
docker stop "$first" >/dev/null

note "warm start of the same volume"
e2e_name warm "warm"
ready_needed=1
start_round "warm start" "$warm"
assert_eq "$(ready_lines "$warm")" 1 "warm start: ready lines (only the real server, as in the official image)"
