#!/usr/bin/env bash
# The official image's docker-ensure-initdb.sh / docker-enforce-initdb.sh contract, for init
# containers and CI: initialise PGDATA if it is empty, then exit without leaving a server.
#   docker-ensure-initdb.sh   existing database → "note: database already initialized in ..." exit 0
#   docker-enforce-initdb.sh  existing database → "error: (unexpected) database found in ..." exit 1
# Arguments are the server's, as for the entrypoint. pgfit does the init as on any first start;
# once it logs that init is complete, the server it starts next (socket only) is stopped.
set -Eeuo pipefail

case "$(basename "$0")" in
docker-ensure-initdb.sh) mode=ensure ;;
docker-enforce-initdb.sh) mode=enforce ;;
*)
    echo >&2 "unexpected script name: $0"
    exit 99
    ;;
esac
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- postgres "$@"
fi
: "${PGDATA:=/var/lib/postgresql/data}"
if [ -s "$PGDATA/PG_VERSION" ]; then
    if [ "$mode" = ensure ]; then
        echo "note: database already initialized in '$PGDATA'!"
        exit 0
    fi
    echo >&2 "error: (unexpected) database found in '$PGDATA'!"
    exit 1
fi

log_pipe=$(mktemp -u)
mkfifo "$log_pipe"
trap 'rm -f "$log_pipe"' EXIT
# Both streams: the completion line is on stdout, the servers' logs on stderr.
pgfit "$@" -c listen_addresses= >"$log_pipe" 2>&1 &
pgfit_pid=$!
initialized=false
while IFS= read -r line; do
    printf '%s\n' "$line"
    if [ "$initialized" = false ] && [[ $line == *"PostgreSQL init process complete; ready for start up."* ]]; then
        initialized=true
        kill -INT "$pgfit_pid"
    fi
done <"$log_pipe"
status=0
wait "$pgfit_pid" || status=$?
if [ "$initialized" = true ]; then
    exit 0
fi
exit "$((status == 0 ? 1 : status))"
