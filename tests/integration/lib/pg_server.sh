# The one scratch PostgreSQL of the integration tests: a plain server (no pgfit) run as
# `postgres` with pg_ctl, for a test that needs a server next to the one pgfit runs (a primary
# for a replica). Source after tests/lib/common.sh.
#
#   pg_server_init DIR LOG [HBA_LINE...]   initdb DIR as postgres (superuser postgres; SCRAM for
#                                          TCP); pg_hba: local trust, the given lines, then
#                                          host all all 127.0.0.1/32 scram-sha-256
#   pg_server_start DIR LOG PORT SOCKET [postgres -c settings...]
#                                          pg_ctl start on 127.0.0.1:PORT and SOCKET, waiting
#                                          until it is ready; stopped when the test ends
#   pg_server_stop DIR                     a fast stop, waiting for it

pg_server_init() { # dir log hba-lines...
    local dir=$1 log=$2
    shift 2
    require_root "the server runs as the postgres user"
    mkdir -p "$dir"
    touch "$log"
    chown postgres: "$dir" "$log"
    as_postgres "$(pg_bindir)/initdb" -D "$dir" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 >"$dir.initdb.log" 2>&1 ||
        fail "initdb of $dir failed: $(cat "$dir.initdb.log")"
    {
        echo "local all all trust"
        [ $# -eq 0 ] || printf '%s\n' "$@"
        echo "host all all 127.0.0.1/32 scram-sha-256"
    } >"$dir/pg_hba.conf"
    on_exit "pg_server_stop '$dir'"
}

pg_server_start() { # dir log port socket settings...
    local dir=$1 log=$2 port=$3 socket=$4
    shift 4
    mkdir -p "$socket"
    chown postgres: "$socket"
    # pg_ctl hands -o to a shell: one line only.
    as_postgres "$(pg_bindir)/pg_ctl" -D "$dir" -l "$log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$socket' $*" \
        >/dev/null || fail "the server in $dir did not start: $(tail -20 "$log")"
}

pg_server_stop() { # dir
    as_postgres "$(pg_bindir)/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1 || true
}
