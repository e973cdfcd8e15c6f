#!/usr/bin/env bash
# A failing init file stops the first start: for .sql the log names `file:line: ERROR: message`
# (the line where the failing statement starts), nothing after it runs, the temporary server is
# shut down cleanly, pgfit exits 1 and the marker stays in-progress, so the next start refuses
# with the recovery message. A failing .sh reports its exit code.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

cat >"$USER_DIR/10-bad.sql" <<'SQL'
CREATE TABLE ok_before (x int);
SELECT 1;

INSERT INTO
    missing_table VALUES (1);
CREATE TABLE never_created (x int);
SQL
cat >"$USER_DIR/20-after.sh" <<'SH'
#!/bin/sh
touch /tmp/pgfit-test-must-not-run
SH
chmod 755 "$USER_DIR/20-after.sh"

run_pgfit badsql POSTGRES_PASSWORD=pw
assert_eq "$STATUS" 1 "exit code after a failing .sql"
log=$(cat "$T_DIR/badsql.log")
assert_contains "$log" \
    "pgfit: ERROR: /docker-entrypoint-initdb.d/10-bad.sql:4: ERROR: relation \"missing_table\" does not exist" \
    "file:line of the failing statement"
assert_contains "$log" "pgfit: ERROR: initialisation failed; PGDATA keeps its in-progress marker" \
    "what the failure leaves"
assert_not_contains "$log" "running /docker-entrypoint-initdb.d/20-after.sh" "files after the failure"
assert_eq "$(count_lines "$T_DIR/badsql.log" 'database system is shut down')" 1 \
    "the temporary server was shut down cleanly"
assert_not_contains "$log" "init process complete" "no completion line"
assert_eq "$(marker_state)" "state=in-progress" "marker after a failed init"

note "the next start refuses"
run_pgfit refused POSTGRES_PASSWORD=pw
assert_eq "$STATUS" 1 "exit code on a half-initialised PGDATA"
assert_contains "$(cat "$T_DIR/refused.log")" \
    "pgfit: ERROR: PGDATA '$PGDATA_DIR' holds a cluster whose first-start initialisation did not finish (state=in-progress started=" \
    "refusal: what happened"
assert_contains "$(cat "$T_DIR/refused.log")" \
    "pgfit: ERROR: set PGFIT_REINIT_INCOMPLETE=true to move its content to PGDATA/pgfit-incomplete-<time> and initialise again, or delete PGDATA/pgfit-init.state to start it as it is" \
    "refusal: how to recover"
assert_not_contains "$(cat "$T_DIR/refused.log")" "database system is ready" "no server on refusal"

note "a failing shell script"
rm -rf "$PGDATA_DIR" "$USER_DIR"/*
printf '#!/bin/sh\necho "script output"\nexit 3\n' >"$USER_DIR/30-fail.sh"
chmod 755 "$USER_DIR/30-fail.sh"
run_pgfit badsh POSTGRES_PASSWORD=pw
assert_eq "$STATUS" 1 "exit code after a failing .sh"
assert_contains "$(cat "$T_DIR/badsh.log")" \
    "pgfit: ERROR: /docker-entrypoint-initdb.d/30-fail.sh: the script failed with exit code 3" \
    "failing script message"
assert_eq "$(marker_state)" "state=in-progress" "marker after a failed script"
