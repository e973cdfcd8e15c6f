# Queries against the server of a first start (pgfit_first_start.sh: $SOCKET_DIR, $PORT); source
# it after that library. Every helper prints unaligned tuples and stops at the first error.
#
#   OUTSIDE_ADDRESS                    an IPv4 address of this machine that is not loopback
#   sql_as USER PASSWORD DB QUERY      over TCP from $OUTSIDE_ADDRESS with a password
#   sql_super DB QUERY                 as the superuser postgres over the socket (local trust)

# An address of this machine that is not loopback: initdb trusts 127.0.0.1, so only a login from
# here proves that the password (and the pg_hba catch-all line) works, as from another container.
OUTSIDE_ADDRESS=$(ip -4 -o addr show scope global 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -1)
[ -n "$OUTSIDE_ADDRESS" ] || skip "no non-loopback IPv4 address to log in from"

# sql_as USER PASSWORD DB QUERY — over TCP from $OUTSIDE_ADDRESS with a password.
sql_as() {
    PGPASSWORD=$2 "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$OUTSIDE_ADDRESS" -p "$PORT" \
        -U "$1" -d "$3" -c "$4"
}

# sql_super DB QUERY — as the superuser postgres over the socket directory.
sql_super() {
    "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres -d "$1" -c "$2"
}
