#!/usr/bin/env bash
# The official image's environment contract on a first start: the missing-password refusal and
# the both-set error (exact texts, exit 1, nothing initialised); every `_FILE` secret (root-only
# files, trailing newlines stripped), POSTGRES_INITDB_ARGS with quotes, POSTGRES_INITDB_WALDIR,
# PGPORT and POSTGRES_HOST_AUTH_METHOD; trust mode with its warning and pg_hba comments.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

note "no password: the official refusal"
run_pgfit nopassword
assert_eq "$STATUS" 1 "exit code without POSTGRES_PASSWORD"
# pgfit's own lines (the resource/plan summary) and the harness's exit line aside, the output
# is the official text.
official_output() { grep -v -e '^pgfit: ' -e '^pidns: ' "$T_DIR/$1.log" || true; }
assert_eq "$(official_output nopassword)" \
"Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".

       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about \"trust\":
       https://www.postgresql.org/docs/current/auth-trust.html" "missing password message"
[ ! -e "$PGDATA_DIR/PG_VERSION" ] && [ ! -e "$PGDATA_DIR/pgfit-init.state" ] ||
    fail "PGDATA was touched without a password"

note "VAR and VAR_FILE both set"
printf 'file password\n\n' >"$T_DIR/password"
chmod 600 "$T_DIR/password"
run_pgfit bothset POSTGRES_PASSWORD=x POSTGRES_PASSWORD_FILE="$T_DIR/password"
assert_eq "$STATUS" 1 "exit code with both set"
assert_eq "$(official_output bothset)" \
    "error: both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set (but are exclusive)" \
    "both-set message"

note "_FILE secrets, initdb arguments with quotes, WAL directory, port, auth method"
printf 'file user\n' >"$T_DIR/user"
printf 'file db' >"$T_DIR/db"
printf -- "--data-checksums '--wal-segsize=32'\n" >"$T_DIR/args"
chmod 600 "$T_DIR/user" "$T_DIR/db" "$T_DIR/args"
start_pgfit files POSTGRES_PASSWORD_FILE="$T_DIR/password" POSTGRES_USER_FILE="$T_DIR/user" \
    POSTGRES_DB_FILE="$T_DIR/db" POSTGRES_INITDB_ARGS_FILE="$T_DIR/args" \
    POSTGRES_INITDB_WALDIR="$T_DIR/wal" POSTGRES_HOST_AUTH_METHOD=md5
wait_ready_tcp files
assert_eq "$(sql_as 'file user' 'file password' 'file db' 'SELECT current_database()')" "file db" \
    "login with the secrets read from files"
assert_eq "$(sql_as 'file user' 'file password' 'file db' 'SHOW data_checksums')" on "--data-checksums"
assert_eq "$(sql_as 'file user' 'file password' 'file db' 'SHOW wal_segment_size')" 32MB "quoted --wal-segsize"
assert_eq "$(sql_as 'file user' 'file password' 'file db' 'SHOW port')" "$PORT" "PGPORT"
stop_pgfit files
assert_eq "$(readlink "$PGDATA_DIR/pg_wal")" "$T_DIR/wal" "pg_wal points at POSTGRES_INITDB_WALDIR"
assert_eq "$(stat -c '%U %a' "$T_DIR/wal")" "postgres 700" "WAL directory owner and mode"
assert_eq "$(tail -1 "$PGDATA_DIR/pg_hba.conf")" "host all all all md5" "POSTGRES_HOST_AUTH_METHOD"

note "trust"
rm -rf "$PGDATA_DIR" "$T_DIR/wal"
start_pgfit trust POSTGRES_HOST_AUTH_METHOD=trust
wait_ready_tcp trust
assert_eq "$(sql_as postgres '' postgres 'SELECT 1')" 1 "login without a password in trust mode"
stop_pgfit trust
assert_contains "$(cat "$T_DIR/trust.log")" \
"********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to \"trust\". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about \"trust\":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with \"-e POSTGRES_PASSWORD=password\" instead to set a password in
         \"docker run\".
********************************************************************************" "trust warning"
assert_eq "$(tail -3 "$PGDATA_DIR/pg_hba.conf")" "# warning trust is enabled for all connections
# see https://www.postgresql.org/docs/current/auth-trust.html
host all all all trust" "trust lines in pg_hba.conf"
