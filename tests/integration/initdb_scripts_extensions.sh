#!/usr/bin/env bash
# initdb.d/01-extensions.sql against the real PostgreSQL 15 with the image's preload list:
# shipped extensions created, a missing one skipped with one line, required ones enforced,
# pg_cron in cron.database_name running jobs under SCRAM-only pg_hba, a second run changing
# nothing; and 06-pgaudit-log.sql setting pgaudit.log only once pgaudit exists.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/image_sql.sh"
script="$PGFIT_SOURCE_DIR/initdb.d/01-extensions.sql"
audit_script="$PGFIT_SOURCE_DIR/initdb.d/06-pgaudit-log.sql"

export POSTGRES_DB="my app"
SCRATCH_CRON_DATABASE="my app" scratch_server
sql postgres 'CREATE DATABASE "my app"'

extensions() { sql "my app" "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension"; }

note "pgaudit.log is not set before the pgaudit extension exists"
output=$(run_shipped_script "$audit_script" 2>&1) || fail "06-pgaudit-log.sql failed: $output"
assert_not_contains "$(cat "$SCRATCH_DATA/postgresql.auto.conf")" "pgaudit" "auto.conf before 01"

note "first run: every shipped extension that is installed and preloaded"
output=$(run_shipped_script "$script" 2>&1) || fail "01-extensions.sql failed: $output"
assert_eq "$(extensions)" "pg_cron,pg_stat_statements,pg_trgm,pgaudit,plpgsql" "extensions in POSTGRES_DB"
assert_contains "$output" 'NOTICE:  extension "vector" skipped: it is not installed in this image' \
    "the missing vector extension"
assert_eq "$(grep -c 'skipped' <<<"$output")" 1 "one line per missing extension"
assert_eq "$(sql postgres "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'")" 0 \
    "pg_cron only in cron.database_name"
output=$(run_shipped_script "$audit_script" 2>&1) || fail "06-pgaudit-log.sql failed: $output"
assert_contains "$(cat "$SCRATCH_DATA/postgresql.auto.conf")" "pgaudit.log = 'ddl,role'" \
    "pgaudit.log written once pgaudit exists"

note "second run: idempotent"
output=$(run_shipped_script "$script" 2>&1) || fail "second run failed: $output"
assert_eq "$(extensions)" "pg_cron,pg_stat_statements,pg_trgm,pgaudit,plpgsql" "extensions after a rerun"

note "POSTGRES_EXTENSIONS: an available extra one is created, a missing one fails the init"
output=$(POSTGRES_EXTENSIONS="hstore, pg_trgm" run_shipped_script "$script" 2>&1) ||
    fail "required hstore failed: $output"
assert_eq "$(extensions)" "hstore,pg_cron,pg_stat_statements,pg_trgm,pgaudit,plpgsql" \
    "a required extension outside the shipped list"
if output=$(POSTGRES_EXTENSIONS="hstore,vector" run_shipped_script "$script" 2>&1); then
    fail "a required but missing extension must fail the script: $output"
fi
assert_contains "$output" 'ERROR:  extension "vector" is not installed in this image but POSTGRES_EXTENSIONS requires it' \
    "the error for a required missing extension"

note "pg_cron named for a database that is not cron.database_name"
sql postgres 'CREATE DATABASE other'
output=$(POSTGRES_CRON_DATABASE=other run_shipped_script "$script" 2>&1) || fail "run failed: $output"
assert_contains "$output" 'NOTICE:  extension "pg_cron" skipped: it belongs in cron.database_name "my app", not in "other"' \
    "pg_cron in the wrong database"
if output=$(POSTGRES_CRON_DATABASE=other POSTGRES_EXTENSIONS=pg_cron run_shipped_script "$script" 2>&1); then
    fail "required pg_cron in the wrong database must fail: $output"
fi
assert_contains "$output" 'ERROR:  extension "pg_cron" belongs in cron.database_name "my app", not in "other" but POSTGRES_EXTENSIONS requires it' \
    "required pg_cron in the wrong database"

note "a pg_cron job runs (background workers; pg_hba has no trust over TCP)"
sql "my app" "CREATE TABLE cron_ticks (at timestamptz DEFAULT now())"
sql "my app" "SELECT cron.schedule('tick', '* * * * *', 'INSERT INTO cron_ticks DEFAULT VALUES')" >/dev/null
# A schedule of one minute fires at the next minute boundary.
ticked() { [ "$(sql "my app" "SELECT count(*) FROM cron_ticks")" -ge 1 ]; }
wait_until 75 ticked ||
    fail "no pg_cron run within 75 s: $(sql "my app" "SELECT status, return_message FROM cron.job_run_details")"
assert_eq "$(sql "my app" "SELECT status FROM cron.job_run_details LIMIT 1")" "succeeded" "the job's run status"
