#!/usr/bin/env bash
# initdb.d/01-extensions.sql and 06-pgaudit-log.sql, run by pgfit's own first start (PID 1,
# PGFIT_INITDB_DIR=initdb.d) on the real PostgreSQL 15 with the preload list pgfit detects:
# shipped extensions created, a missing one skipped with one line, required ones enforced
# (a failed init otherwise); pg_cron preloaded only when asked for (POSTGRES_CRON_DATABASE,
# POSTGRES_EXTENSIONS) or when the cluster last ran with it, then only in cron.database_name
# (postgres by default, never POSTGRES_DB: that database has no background session) and running
# jobs under the SCRAM-only pg_hba; a second run changing nothing, the operator's own
# -c shared_preload_libraries without pg_cron still starting; and 06-pgaudit-log.sql setting
# pgaudit.log only once pgaudit exists.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"
IMAGE=(POSTGRES_PASSWORD=pw POSTGRES_MEMORY=512M POSTGRES_DB="my app" "${IMAGE_ENV[@]}")
SHIPPED="pg_stat_statements,pg_trgm,pgaudit,plpgsql"

extensions() { sql_super "${1:-my app}" "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension"; }

note "06-pgaudit-log.sql alone (pgaudit preloaded, the extension not created): pgaudit.log is not set"
cp "$IMAGE_INITDB_DIR/06-pgaudit-log.sql" "$SHIPPED_DIR/"
start_pgfit audit_first "${IMAGE[@]}" PGFIT_INITDB_DIR="$SHIPPED_DIR"
wait_ready_tcp audit_first
assert_contains "$(sql_super postgres 'SHOW shared_preload_libraries')" pgaudit "pgaudit is preloaded"
assert_eq "$(extensions)" "plpgsql" "no extension created"
assert_not_contains "$(cat "$PGDATA_DIR/postgresql.auto.conf")" "pgaudit" "auto.conf without pgaudit"
stop_pgfit audit_first

note "the shipped scripts, twice, pg_cron asked for: every shipped extension that is installed and preloaded"
new_cluster
rerun_image_scripts
start_pgfit shipped "${IMAGE[@]}" POSTGRES_CRON_DATABASE=postgres
wait_ready_tcp shipped
assert_eq "$(count_lines "$T_DIR/shipped.log" "running /docker-entrypoint-initdb.d/01-extensions.sql")" 1 \
    "the second run of 01-extensions.sql"
assert_eq "$(extensions)" "$SHIPPED" "extensions in POSTGRES_DB after two runs"
assert_logged shipped NOTICE 'extension "vector" skipped: it is not installed in this image' \
    "the missing vector extension"
assert_eq "$(grep -c 'extension "[^"]*" skipped' "$T_DIR/shipped.log")" 2 "one line per missing extension and run"
assert_eq "$(count_lines "$T_DIR/shipped.log" 'extension "vector" skipped')" 2 "the vector line in each run"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'")" 1 \
    "pg_cron in cron.database_name (postgres)"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = 'my app'")" 0 \
    "no background session in POSTGRES_DB"
sql_super postgres "DROP DATABASE \"my app\"" >/dev/null
sql_super postgres "CREATE DATABASE \"my app\"" >/dev/null
sql_super postgres "CREATE DATABASE snapshot TEMPLATE \"my app\"" >/dev/null
assert_contains "$(cat "$PGDATA_DIR/postgresql.auto.conf")" "pgaudit.log = 'ddl,role'" \
    "pgaudit.log written once pgaudit exists"
assert_eq "$(sql_super postgres 'SHOW pgaudit.log')" "ddl,role" "pgaudit.log of the running server"
assert_not_contains "$(cat "$T_DIR/shipped.log")" "handing the whole file to psql" \
    "every shipped script runs in pgfit's own session (06-pgaudit-log.sql's \\gexec too)"

note "a pg_cron job in POSTGRES_DB runs (as a background worker: no password needed under SCRAM)"
sql_super "my app" "CREATE TABLE cron_ticks (at timestamptz DEFAULT now())"
sql_super postgres "SELECT cron.schedule_in_database('tick', '* * * * *', 'INSERT INTO cron_ticks DEFAULT VALUES', 'my app')" >/dev/null
# A schedule of one minute fires at the next minute boundary.
ticked() { [ "$(sql_super "my app" "SELECT count(*) FROM cron_ticks")" -ge 1 ]; }
wait_until 75 ticked ||
    fail "no pg_cron run within 75 s: $(sql_super postgres "SELECT status, return_message FROM cron.job_run_details")"
assert_eq "$(sql_super postgres "SELECT status FROM cron.job_run_details LIMIT 1")" "succeeded" "the job's run status"
stop_pgfit shipped

note "the same cluster without POSTGRES_CRON_DATABASE: it keeps pg_cron (its jobs go on)"
start_pgfit kept "${IMAGE[@]}"
wait_ready_tcp kept
assert_contains "$(cat "$T_DIR/kept.log")" "plan: pg_cron stays preloaded: this cluster last ran with it ($PGDATA_DIR/pgfit-primary-libraries)" \
    "the reason pg_cron stays"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'")" 1 \
    "pg_cron's scheduler runs"
stop_pgfit kept
start_pgfit dropped "${IMAGE[@]}" POSTGRES_SHARED_PRELOAD_LIBRARIES=pg_stat_statements
wait_ready_tcp dropped
stop_pgfit dropped
start_pgfit after_drop "${IMAGE[@]}"
wait_ready_tcp after_drop
assert_not_contains "$(sql_super postgres 'SHOW shared_preload_libraries')" pg_cron \
    "left out for good once a preload list without it ran"
stop_pgfit after_drop

note "POSTGRES_EXTENSIONS: an available extra one is created; pg_cron not asked for: not preloaded"
new_cluster
start_pgfit required "${IMAGE[@]}" POSTGRES_EXTENSIONS="hstore, pg_trgm"
wait_ready_tcp required
assert_eq "$(extensions)" "hstore,$SHIPPED" "a required extension outside the shipped list"
assert_eq "$(sql_super postgres 'SHOW shared_preload_libraries')" "pg_stat_statements,pgaudit,auto_explain" \
    "the preload list when pg_cron is not asked for"
assert_logged required NOTICE 'extension "pg_cron" skipped: it is not in shared_preload_libraries (pgfit preloads it when POSTGRES_CRON_DATABASE is set or POSTGRES_EXTENSIONS names it)' \
    "how to ask for pg_cron"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'")" 0 \
    "no scheduler process"
stop_pgfit required

note "POSTGRES_EXTENSIONS: a missing one fails the init"
new_cluster
run_pgfit missing "${IMAGE[@]}" POSTGRES_EXTENSIONS="hstore,vector"
[ "$STATUS" -ne 0 ] || fail "a required but missing extension must fail the first start"
assert_logged missing ERROR 'extension "vector" is not installed in this image but POSTGRES_EXTENSIONS requires it' \
    "the error for a required missing extension"

note "pg_cron named for a database that is not cron.database_name (the operator's -c)"
new_cluster
start_pgfit cron_elsewhere "${IMAGE[@]}" POSTGRES_DB=other POSTGRES_CRON_DATABASE=postgres -- \
    -c cron.database_name=other
wait_ready_tcp cron_elsewhere
assert_logged cron_elsewhere NOTICE 'extension "pg_cron" skipped: it belongs in cron.database_name "other", not in "postgres"' \
    "pg_cron in the wrong database"
assert_eq "$(extensions postgres)" "plpgsql" "no pg_cron in POSTGRES_CRON_DATABASE"
stop_pgfit cron_elsewhere
new_cluster
run_pgfit cron_required "${IMAGE[@]}" POSTGRES_DB=other POSTGRES_EXTENSIONS=pg_cron -- \
    -c cron.database_name=other
[ "$STATUS" -ne 0 ] || fail "required pg_cron in the wrong database must fail the first start"
assert_logged cron_required ERROR 'extension "pg_cron" belongs in cron.database_name "other", not in "postgres" but POSTGRES_EXTENSIONS requires it' \
    "required pg_cron in the wrong database"

note "the operator's own -c shared_preload_libraries without pg_cron (a common compose command)"
# cron.database_name as well (left from a config that had pg_cron): a setting, not the library
new_cluster
start_pgfit own_preload "${IMAGE[@]}" -- -c shared_preload_libraries=pg_stat_statements \
    -c cron.database_name=postgres
wait_ready_tcp own_preload
assert_logged own_preload NOTICE 'extension "pg_cron" skipped: it is not in shared_preload_libraries' \
    "pg_cron left out of the operator's preload list"
assert_eq "$(extensions)" "pg_stat_statements,pg_trgm,plpgsql" "the extensions the operator's list allows"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_settings WHERE name = 'cron.max_running_jobs'")" 0 \
    "no cron.* setting from a plan that knows pg_cron is not loaded"
stop_pgfit own_preload
