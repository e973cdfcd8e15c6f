#!/usr/bin/env bash
# Passwords follow their secret (roles/), on the real PostgreSQL 15 with pgfit as PID 1 and the
# image's init scripts: POSTGRES_PASSWORD_FILE and POSTGRES_APP_PASSWORD_FILE rotated on a
# running server, then SIGHUP to pgfit: the new passwords log in over TCP, the old ones are
# refused, the postmaster is the same process; nothing of it reaches the server log although it
# runs with log_statement=all; a SIGHUP with nothing changed, or with an emptied file, changes
# nothing. The same after a restart with a changed file; a start with nothing changed runs no
# statement and starts no temporary server; a missing file at start exits 2 naming it.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

# On SIGHUP pgfit runs as postgres: the files it reads again must be readable by it.
secret() { printf '%s\n' "$2" >"$T_DIR/$1"; chmod 0644 "$T_DIR/$1"; }
secret super.pw "first super"
secret app.pw "first app"
ENV=("${IMAGE_ENV[@]}" POSTGRES_PASSWORD_FILE="$T_DIR/super.pw" POSTGRES_APP_USER=app
    POSTGRES_APP_PASSWORD_FILE="$T_DIR/app.pw" PGFIT_LOG_LEVEL=debug POSTGRES_MEMORY=512M)
logs_in() { sql_as "$1" "$2" postgres "SELECT 1" >/dev/null 2>&1; }
postmaster() { head -1 "$PGDATA_DIR/postmaster.pid"; }
applied_lines() { count_lines "$T_DIR/$1.log" "statement(s) applied"; }

note "first start: the passwords of the files"
start_pgfit run "${ENV[@]}" -- -c log_statement=all
wait_ready_tcp run
logs_in postgres "first super" || fail "the superuser's first password"
logs_in app "first app" || fail "the application's first password"
[ -s "$PGDATA_DIR/pgfit-roles.state" ] || fail "no state file after the first start"
assert_not_contains "$(cat "$PGDATA_DIR/pgfit-roles.state")" "first" "the state file holds no password"
before=$(postmaster)
assert_eq "$(sql_super postgres "SHOW pgaudit.log")" "ddl,role" "pgAudit logs role statements"

note "SIGHUP with rotated files"
secret super.pw "second super"
secret app.pw "second app"
hups=$(applied_lines run)
from=$(($(wc -l <"$T_DIR/run.log") + 1)) # the init scripts' own statements are logged before
kill -HUP "$PGFIT_PID"
more_applied() { [ "$(applied_lines run)" -gt "$hups" ]; }
wait_until 30 more_applied || fail "nothing applied on SIGHUP: $(tail -20 "$T_DIR/run.log")"
assert_contains "$(grep -F "statement(s) applied" "$T_DIR/run.log" | tail -1)" \
    'roles: 2 statement(s) applied: password of "app" from POSTGRES_APP_PASSWORD_FILE; password of "postgres" from POSTGRES_PASSWORD_FILE' \
    "the SIGHUP's log line"
logs_in postgres "second super" || fail "the superuser's new password after SIGHUP"
logs_in app "second app" || fail "the application's new password after SIGHUP"
logs_in postgres "first super" && fail "the superuser's old password still logs in"
logs_in app "first app" && fail "the application's old password still logs in"
assert_eq "$(postmaster)" "$before" "the postmaster's PID after SIGHUP"
reloaded() { tail -n +"$from" "$T_DIR/run.log" | grep -q "received SIGHUP, reloading configuration files"; }
wait_until 30 reloaded || fail "postgres did not reload after the SIGHUP"
tail -n +"$from" "$T_DIR/run.log" >"$T_DIR/hup.log"
assert_eq "$(count_lines "$T_DIR/hup.log" "SCRAM-SHA-256")" 0 "verifiers in the log (log_statement=all, pgaudit.log=ddl,role)"
assert_eq "$(count_lines "$T_DIR/hup.log" "ALTER ROLE")" 0 "ALTER ROLE in the log (log_statement=all, pgaudit.log=ddl,role)"
assert_eq "$(count_lines "$T_DIR/run.log" "second")" 0 "a password in the log"

note "SIGHUP with nothing changed: no statement"
quiet=$(count_lines "$T_DIR/run.log" "roles: nothing changed")
kill -HUP "$PGFIT_PID"
more_quiet() { [ "$(count_lines "$T_DIR/run.log" "roles: nothing changed")" -gt "$quiet" ]; }
wait_until 30 more_quiet ||
    fail "no 'nothing changed' line after the second SIGHUP"
assert_eq "$(applied_lines run)" "$((hups + 1))" "statements applied by a SIGHUP with nothing changed"

note "SIGHUP with an emptied file: an error naming it, nothing changed"
secret super.pw "third super"
: >"$T_DIR/app.pw"
kill -HUP "$PGFIT_PID"
wait_until 30 grep -q "POSTGRES_APP_PASSWORD_FILE: secret file '$T_DIR/app.pw' is empty" "$T_DIR/run.log" ||
    fail "no error naming the empty file: $(tail -10 "$T_DIR/run.log")"
assert_contains "$(grep -F "is empty" "$T_DIR/run.log")" "no role, password or database changed" "the error's aftermath"
logs_in postgres "second super" || fail "the superuser's password changed although the SIGHUP failed"
logs_in postgres "third super" && fail "half-applied: the superuser's password changed"
assert_eq "$(postmaster)" "$before" "the postmaster's PID after the failed SIGHUP"
stop_pgfit run

note "restart with a changed file: applied before the server accepts connections"
secret app.pw "third app"
start_pgfit restart "${ENV[@]}"
wait_ready_tcp restart
assert_eq "$(applied_lines restart)" 1 "apply lines at the restart"
assert_contains "$(cat "$T_DIR/restart.log")" "applying them on a temporary server" "the temporary server"
logs_in postgres "third super" || fail "the superuser's password after the restart"
logs_in app "third app" || fail "the application's password after the restart"
logs_in app "second app" && fail "the application's old password after the restart"
stop_pgfit restart

note "restart with nothing changed: no statement, no temporary server"
start_pgfit same "${ENV[@]}"
wait_ready_tcp same
assert_contains "$(cat "$T_DIR/same.log")" "roles: nothing changed since $PGDATA_DIR/pgfit-roles.state was written; no statement run" \
    "the debug line"
assert_eq "$(applied_lines same)" 0 "statements at a start with nothing changed"
assert_eq "$(count_lines "$T_DIR/same.log" "applying them on a temporary server")" 0 "temporary servers"
stop_pgfit same

note "a missing password file at start: exit 2 naming it, before anything changes"
cp "$PGDATA_DIR/pgfit-roles.state" "$T_DIR/state.before"
run_pgfit missing "${ENV[@]}" POSTGRES_APP_PASSWORD_FILE="$T_DIR/nothere.pw"
assert_eq "$STATUS" 2 "exit code for a missing password file"
assert_contains "$(cat "$T_DIR/missing.log")" "POSTGRES_APP_PASSWORD_FILE: cannot read secret file '$T_DIR/nothere.pw'" \
    "the error names the variable and the file"
cmp -s "$PGDATA_DIR/pgfit-roles.state" "$T_DIR/state.before" || fail "the state file changed"
