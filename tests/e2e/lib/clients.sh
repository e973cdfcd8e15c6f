# Helpers for the client-compatibility tests (tests/e2e/clients_*.sh). Source after e2e.sh.
#
#   outside_clients              call once, in the test's own shell: makes `outside` work
#   outside COMMAND ARGS...      psql, pg_isready or pgbench from outside the server's container:
#                                the host's when installed (PostgreSQL 15's client on the test
#                                machine), else the image's own in a helper container on the
#                                host network. PGPASSWORD and PGCONNECT_TIMEOUT are passed on.
#   wait_serving NAME [SECONDS]  wait_ready that gives up as soon as NAME has exited
#   published_port NAME          the host port (on 127.0.0.1) publishing NAME's 5432
#   start_published USER PASSWORD DATABASE [DOCKER_RUN_ARG...]
#                                a server of the image for them, 5432 published on 127.0.0.1 and
#                                serving: sets `server` (its name) and `port`, exports PGPASSWORD
#                                and PGCONNECT_TIMEOUT (call in the test's own shell)
#   ready_lines NAME             how many times NAME's log says the server accepts connections
#   postmaster_started NAME      the real server's pg_postmaster_start_time() in NAME
#   other_sessions NAME DB       every session connected to DB in NAME but the caller's, one a line
#   wait_background_workers NAME until every preloaded background worker that connects to a
#                                database (pg_cron's launcher) has, so a check of who holds a
#                                database sees them

READY_LINE='database system is ready to accept connections'

_client_container=""
outside_clients() {
    if command -v psql && command -v pg_isready && command -v pgbench; then
        return
    fi >/dev/null
    note "no PostgreSQL client on the host: using the image's own in a helper container"
    e2e_name _client_container "client"
    docker run -d --name "$_client_container" --network host --entrypoint sleep "$E2E_IMAGE" infinity >/dev/null ||
        fail "cannot start the client container"
}

outside() { # command args...
    if [ -z "$_client_container" ]; then
        "$@"
    else
        docker exec -i -e PGPASSWORD -e PGCONNECT_TIMEOUT "$_client_container" "$@"
    fi
}

wait_serving() { # name [seconds]
    local name=$1 seconds=${2:-120}
    serving_or_gone() {
        [ "$(docker inspect -f '{{.State.Running}}' "$1")" != true ] ||
            docker exec "$1" pg_isready -q -h 127.0.0.1 -p 5432
    }
    wait_until "$seconds" serving_or_gone "$name" ||
        fail "$name: not accepting TCP connections after $seconds s; its log:
$(docker_logs "$name" | tail -40)"
    [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] ||
        fail "$name exited ($(docker inspect -f '{{.State.ExitCode}}' "$name")) before accepting connections; its log:
$(docker_logs "$name" | tail -40)"
}

published_port() { # name
    local port
    port=$(docker port "$1" 5432/tcp | sed -n 's/^127\.0\.0\.1://p' | head -1)
    [ -n "$port" ] || fail "$1 publishes no 5432 on 127.0.0.1: $(docker port "$1")"
    printf '%s\n' "$port"
}

start_published() { # user password database [docker-run-arg...]
    e2e_name server "server"
    start_postgres "$server" -p 127.0.0.1::5432 \
        -e POSTGRES_USER="$1" -e POSTGRES_PASSWORD="$2" -e POSTGRES_DB="$3" "${@:4}" "$E2E_IMAGE"
    wait_serving "$server"
    port=$(published_port "$server")
    export PGPASSWORD=$2 PGCONNECT_TIMEOUT=10
}

ready_lines() { # name
    docker logs "$1" 2>&1 | grep -c "$READY_LINE" || true
}

postmaster_started() { # name
    psql_in "$1" -c 'SELECT pg_postmaster_start_time()'
}

other_sessions() { # name database
    psql_in "$1" -c "SELECT format('pid %s %s (%s) as %s', pid, backend_type, application_name, usename)
        FROM pg_stat_activity WHERE datname = '${2//\'/\'\'}' AND pid <> pg_backend_pid() ORDER BY pid"
}

wait_background_workers() { # name
    local preload
    preload=$(psql_in "$1" -c 'SHOW shared_preload_libraries')
    case ",${preload// /}," in
    *,pg_cron,*)
        cron_launcher_connected() {
            [ "$(psql_in "$1" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher' AND datname IS NOT NULL")" = 1 ]
        }
        wait_until 30 cron_launcher_connected "$1" ||
            fail "$1: pg_cron is preloaded but its launcher has not connected to a database after 30 s"
        ;;
    esac
}
