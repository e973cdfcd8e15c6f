#!/usr/bin/env bash
# Declared databases and roles (PGFIT_DATABASES_FILE and POSTGRES_MULTIPLE_DATABASES) and the
# superuser kept local-only, on the real PostgreSQL 15 with pgfit as PID 1: seven databases with
# their owners and extensions; the standard roles' privileges (read-only can SELECT, not INSERT,
# also on a table the owner creates later; read-write cannot CREATE TABLE); a second start runs
# no statement; a database that leaves the declaration is reported and kept; the superuser is
# refused over TCP but works over the socket, and `pgfit health` uses the socket then; bad input
# (an unknown key, an invalid role name) exits 2 at start naming the file, and on SIGHUP is a
# logged error that changes nothing.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/pgfit_first_start.sh"
. "$PGFIT_SOURCE_DIR/tests/integration/lib/psql.sh"

declaration() { cat >"$T_DIR/databases.toml"; chmod 0644 "$T_DIR/databases.toml"; }
declaration <<'TOML'
[[databases]]
name = "product"
extensions = ["pg_trgm"]

[[databases]]
name = "knowledge"
owner = "knowledge_owner"
extensions = ["pgcrypto"]

[[databases]]
name = "temporal"

[[databases]]
name = "temporal_visibility"
owner = "temporal"

[[databases]]
name = "grafana"

[[databases]]
name = "n8n"

[[roles]]
name = "reporting"
member_of = ["product_ro", "pg_read_all_stats"]
connection_limit = 3
TOML
printf 'report pw\n' >"$T_DIR/reporting.pw"
chmod 0644 "$T_DIR/reporting.pw"
ENV=(POSTGRES_PASSWORD=super POSTGRES_MEMORY=512M PGFIT_LOG_LEVEL=debug
    PGFIT_DATABASES_FILE="$T_DIR/databases.toml" POSTGRES_MULTIPLE_DATABASES=legacy
    PRODUCT_PASSWORD="owner pw" PRODUCT_RW_PASSWORD="rw pw" PRODUCT_RO_PASSWORD="ro pw"
    REPORTING_PASSWORD_FILE="$T_DIR/reporting.pw" LEGACY_PASSWORD="legacy pw"
    POSTGRES_SUPERUSER_LOCAL_ONLY=true)
DATABASES="'product', 'knowledge', 'temporal', 'temporal_visibility', 'grafana', 'n8n', 'legacy'"
applied_lines() { count_lines "$T_DIR/$1.log" "statement(s) applied"; }
as() { sql_as "$1" "$2" product "$3"; }

note "first start: seven databases, their roles, the superuser local-only"
start_pgfit first "${ENV[@]}"
wait_ready_tcp first
assert_eq "$(sql_super postgres "SELECT string_agg(datname || ':' || pg_get_userbyid(datdba), ' ' ORDER BY datname) FROM pg_database WHERE datname IN ($DATABASES)")" \
    "grafana:grafana knowledge:knowledge_owner legacy:legacy n8n:n8n product:product temporal:temporal temporal_visibility:temporal" \
    "databases and owners"
assert_eq "$(sql_super product "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")" pg_trgm "product's extension"
assert_eq "$(sql_super knowledge "SELECT extname FROM pg_extension WHERE extname = 'pgcrypto'")" pgcrypto "knowledge's extension"
assert_eq "$(sql_super postgres "SELECT rolname || ':' || rolcanlogin FROM pg_roles WHERE rolname IN ('product_rw', 'grafana_rw', 'grafana_ro') ORDER BY 1")" \
    "$(printf 'grafana_ro:false\ngrafana_rw:false\nproduct_rw:true')" "_rw/_ro log in only with a password"
assert_eq "$(sql_super postgres "SELECT rolconnlimit, pg_has_role('reporting', 'product_ro', 'MEMBER') FROM pg_roles WHERE rolname = 'reporting'")" \
    "3|t" "the extra role"

note "privileges: the owner does DDL, read-write writes, read-only reads, also later tables"
as product "owner pw" "CREATE TABLE items (id int PRIMARY KEY, name text)" || fail "the owner cannot create a table"
as product_rw "rw pw" "INSERT INTO items VALUES (1, 'one')" || fail "read-write cannot INSERT into a later table"
assert_eq "$(as product_ro "ro pw" "SELECT name FROM items")" one "read-only SELECT on a later table"
assert_eq "$(as reporting "report pw" "SELECT count(*) FROM items")" 1 "a member of product_ro reads"
out=$(as product_ro "ro pw" "INSERT INTO items VALUES (2, 'two')" 2>&1) && fail "read-only could INSERT"
assert_contains "$out" "permission denied for table items" "read-only INSERT"
out=$(as product_rw "rw pw" "CREATE TABLE mine (id int)" 2>&1) && fail "read-write could CREATE TABLE"
assert_contains "$out" "permission denied for schema public" "read-write CREATE TABLE"
sql_as legacy "legacy pw" legacy "CREATE TABLE t (id int)" || fail "POSTGRES_MULTIPLE_DATABASES' owner"

note "the superuser: refused over TCP, the socket works, health goes through the socket"
out=$(sql_as postgres super postgres "SELECT 1" 2>&1) && fail "the superuser logged in over TCP"
assert_contains "$out" "pg_hba.conf rejects connection" "the superuser over TCP"
assert_eq "$(sql_super postgres "SELECT 1")" 1 "the superuser over the socket"
health() { STATUS=0; env -i PATH="$CLEAN_PATH" PGPORT="$PORT" POSTGRES_PASSWORD=super PGFIT_SOCKET_DIR="$SOCKET_DIR" "$@" "$PGFIT" health >"$T_DIR/health.out" 2>&1 || STATUS=$?; }
health POSTGRES_SUPERUSER_LOCAL_ONLY=true
assert_eq "$STATUS" 0 "health when local-only: $(cat "$T_DIR/health.out")"
health
assert_eq "$STATUS" 1 "health over TCP when the superuser is local-only"

note "SIGHUP with an invalid declaration: a logged error, nothing changed"
cp "$T_DIR/databases.toml" "$T_DIR/databases.good"
{ cat "$T_DIR/databases.good"; printf '[[databases]]\nname = "never"\nowners = "x"\n'; } | declaration
kill -HUP "$PGFIT_PID"
wait_until 30 grep -q "unknown key 'owners' in \[\[databases\]\]" "$T_DIR/first.log" ||
    fail "no error for the unknown key: $(tail -10 "$T_DIR/first.log")"
assert_contains "$(grep -F "unknown key 'owners'" "$T_DIR/first.log")" "$T_DIR/databases.toml:" "the error names the file"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_database WHERE datname = 'never'")" 0 "half-applied"
cp "$T_DIR/databases.good" "$T_DIR/databases.toml"
stop_pgfit first

note "second start: nothing changed, no statement"
start_pgfit second "${ENV[@]}"
wait_ready_tcp second
assert_contains "$(cat "$T_DIR/second.log")" "roles: nothing changed since" "the debug line"
assert_eq "$(applied_lines second)" 0 "statements at the second start"
stop_pgfit second

note "a database that leaves the declaration: reported, kept"
sed '/^\[\[databases\]\]$/{N;/name = "n8n"/d}' "$T_DIR/databases.good" | declaration
assert_eq "$(count_lines "$T_DIR/databases.toml" n8n)" 0 "n8n left the declaration"
start_pgfit third "${ENV[@]}"
wait_ready_tcp third
assert_contains "$(cat "$T_DIR/third.log")" 'database "n8n" is no longer declared; it is kept' "the report"
assert_eq "$(sql_super postgres "SELECT count(*) FROM pg_database WHERE datname = 'n8n'")" 1 "n8n kept"
stop_pgfit third

note "bad input at start: exit 2 naming the input, nothing applied"
cp "$PGDATA_DIR/pgfit-roles.state" "$T_DIR/state.before"
{ cat "$T_DIR/databases.good"; printf '[[databases]]\nname = "never"\nowners = "x"\n'; } | declaration
run_pgfit unknown "${ENV[@]}"
assert_eq "$STATUS" 2 "exit code for an unknown key"
assert_contains "$(cat "$T_DIR/unknown.log")" "$T_DIR/databases.toml:" "the unknown key's file"
assert_contains "$(cat "$T_DIR/unknown.log")" "unknown key 'owners' in [[databases]]" "the unknown key"
{ cat "$T_DIR/databases.good"; printf '[[roles]]\nname = "Bad Role"\n'; } | declaration
run_pgfit badname "${ENV[@]}"
assert_eq "$STATUS" 2 "exit code for an invalid role name"
assert_contains "$(cat "$T_DIR/badname.log")" "invalid role name 'Bad Role'" "the invalid name"
run_pgfit badlist "${ENV[@]}" PGFIT_DATABASES_FILE= POSTGRES_MULTIPLE_DATABASES="ok,Not-OK"
assert_eq "$STATUS" 2 "exit code for an invalid POSTGRES_MULTIPLE_DATABASES"
assert_contains "$(cat "$T_DIR/badlist.log")" "POSTGRES_MULTIPLE_DATABASES: invalid name 'Not-OK'" "the invalid list"
cmp -s "$PGDATA_DIR/pgfit-roles.state" "$T_DIR/state.before" || fail "the state file changed"
