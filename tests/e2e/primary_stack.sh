#!/usr/bin/env bash
# stacks/primary on a real engine: the application role logs in through PgBouncer with its own
# SCRAM password and privileges; a superuser, an expired and an unknown user are refused; the
# exporter shows pg_up 1 and the server's settings; WAL is archived and `pgfit backup` stores a
# backup on the pgbackups volume; a pg_cron job runs; PostgreSQL itself is not published.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name project "primary"
bouncer_port=$(free_port)
stack_up primary "$project" PG_MEM_LIMIT=1g PGBOUNCER_PUBLISH_PORT="$bouncer_port"
postgres=$(wait_healthy "$project" postgres)
pgbouncer=$(wait_healthy "$project" pgbouncer)
exporter=$(wait_healthy "$project" exporter)
secrets="$T_DIR/$project/secrets"

note "PostgreSQL is not published; PgBouncer only on the loopback"
assert_eq "$(docker port "$postgres")" "" "published ports of postgres"
assert_eq "$(docker port "$pgbouncer")" "6432/tcp -> 127.0.0.1:$bouncer_port" "published ports of pgbouncer"

through() { # user password query
    PGPASSWORD=$2 psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$bouncer_port" -U "$1" -d app -c "$3" 2>&1
}
app_password=$(cat "$secrets/app_password")

note "the application role through PgBouncer, as itself"
assert_eq "$(through app "$app_password" "SELECT current_user || '/' || session_user")" "app/app" "identity"
through app "$app_password" "CREATE TABLE t (x int); INSERT INTO t VALUES (1); SELECT count(*) FROM t" >/dev/null ||
    fail "the application role cannot use its database through PgBouncer"
assert_eq "$(psql_in "$postgres" -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 't'")" app \
    "the table belongs to the application role"

note "refused logins"
psql_in "$postgres" -c "CREATE ROLE expired LOGIN PASSWORD 'expired pw' VALID UNTIL '2001-01-01'"
assert_contains "$(through app wrong "SELECT 1")" "SASL authentication failed" "a wrong password"
assert_contains "$(through postgres "$(cat "$secrets/postgres_password")" "SELECT 1")" "no such user" "the superuser"
assert_contains "$(through expired 'expired pw' "SELECT 1")" "SASL authentication failed" "an expired role"
assert_contains "$(through nobody pw "SELECT 1")" "no such user" "an unknown user"

note "pools sized from the server's max_connections"
max_connections=$(psql_in "$postgres" -c 'SHOW max_connections')
assert_contains "$(docker logs "$pgbouncer" 2>&1)" "<= max_connections $max_connections" "PgBouncer's sizing line"

note "the exporter"
metrics=$(docker exec "$exporter" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9187; printf "GET /metrics HTTP/1.0\r\n\r\n" >&3; cat <&3')
assert_contains "$metrics" $'\npg_up 1' "pg_up"
assert_contains "$metrics" "pg_settings_max_connections{server=\"postgres:5432\"} $max_connections" \
    "the max_connections setting"
assert_contains "$metrics" 'pg_slot_retention_active{server="postgres:5432",slot_name="replica1",wal_status="unused"} 0' \
    "the shipped query on the replication slot"

note "backups: archiving to the pgbackups volume, pgfit backup, the exporter's archiving rows"
assert_eq "$(psql_in "$postgres" -c 'SHOW archive_mode')" on "archive_mode in the stack"
docker exec "$postgres" pgfit backup full >"$T_DIR/full.log" 2>&1 || fail "pgfit backup full: $(cat "$T_DIR/full.log")"
assert_contains "$(docker exec "$postgres" pgfit backup list)" "full backup:" "the stack's backup is listed"
assert_contains "$metrics" 'pg_archiving_pending_bytes{server="postgres:5432"}' "the shipped archiving query"
metrics=$(docker exec "$exporter" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9187; printf "GET /metrics HTTP/1.0\r\n\r\n" >&3; cat <&3')
age=$(sed -n 's/^pg_backup_last_completed_age_seconds{server="postgres:5432"} //p' <<<"$metrics")
[ -n "$age" ] && awk -v a="$age" 'BEGIN { exit !(a >= 0 && a < 300) }' ||
    fail "the exporter's last backup age after pgfit backup full: '$age'"

note "a pg_cron job runs"
psql_in "$postgres" -c "CREATE TABLE cron_ticks (at timestamptz DEFAULT now())"
# The scheduler lives in the postgres database; a job for the application's runs there.
app_db=$(psql_in "$postgres" -c 'SELECT current_database()')
psql_in "$postgres" -d postgres -c "SELECT cron.schedule_in_database('tick', '* * * * *', 'INSERT INTO cron_ticks DEFAULT VALUES', '$app_db')" >/dev/null
ticked() { [ "$(psql_in "$postgres" -c 'SELECT count(*) FROM cron_ticks')" -ge 1 ]; }
wait_until 75 ticked || fail "no pg_cron run within 75 s: $(psql_in "$postgres" -d postgres -c 'SELECT status, return_message FROM cron.job_run_details')"
