#!/usr/bin/env bash
# stacks/replica joining a running stacks/primary: a replica with half the primary's memory
# starts, a row written on the primary appears on it, and a restart does not clone again.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"
require_runtime

e2e_name primary "primary"
stack_up primary "$primary" PG_MEM_LIMIT=1g PGBOUNCER_PUBLISH_PORT="$(free_port)"
postgres=$(wait_healthy "$primary" postgres)

e2e_name replica "replica"
STACK_SECRETS_FROM="$T_DIR/$primary/secrets" stack_up replica "$replica" PG_MEM_LIMIT=512m \
    PRIMARY_NETWORK="${primary}_backend" PG_PUBLISH_PORT="$(free_port)"
container=$(docker ps -aq --filter "label=com.docker.compose.project=$replica" --filter "label=com.docker.compose.service=replica")

wait_healthy "$replica" replica 300 >/dev/null
# (grep reads a variable: with pipefail, `docker logs | grep -q` fails when grep stops early.)
logs=$(docker logs "$container" 2>&1)
assert_contains "$logs" "with pg_basebackup through slot 'replica1'" "the replica cloned the primary"
assert_not_contains "$logs" "superuser password is not specified" "a replica needs no POSTGRES_PASSWORD"
# The shipped replicator (NOINHERIT) may not SHOW them: the primary's record came with the copy.
assert_contains "$logs" "the primary's shared_preload_libraries '" "the primary's recorded libraries"
assert_not_contains "$logs" "$(cat "$T_DIR/$primary/secrets/replication_password" 2>/dev/null || echo no-secret-file)" \
    "no replication password in the replica's log"

note "a smaller replica than the primary runs, streaming from its slot"
assert_eq "$(docker inspect -f '{{.HostConfig.Memory}}' "$container")" 536870912 "the replica's memory limit"
assert_eq "$(psql_in "$container" -c 'SELECT pg_is_in_recovery()')" t "the replica is a standby"
for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    [ "$(psql_in "$container" -c "SHOW $setting")" -ge "$(psql_in "$postgres" -c "SHOW $setting")" ] ||
        fail "the replica's $setting is below the primary's"
done
assert_eq "$(psql_in "$container" -c 'SHOW shared_preload_libraries')" \
    "$(psql_in "$postgres" -c 'SHOW shared_preload_libraries')" "the primary's preload libraries"
assert_not_contains "$(docker exec "$container" sh -c 'cat "$PGDATA/postgresql.auto.conf"')" "password=" \
    "no password in the replica's postgresql.auto.conf"
streaming() { [ "$(psql_in "$postgres" -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ]; }
wait_until 60 streaming || fail "no streaming replica on the primary"
assert_eq "$(psql_in "$postgres" -c "SELECT active FROM pg_replication_slots WHERE slot_name = 'replica1'")" t \
    "the slot is in use"

note "a row written on the primary appears on the replica"
psql_in "$postgres" -c "CREATE TABLE replicated (x text); INSERT INTO replicated VALUES ('from the primary')"
arrived() { [ "$(psql_in "$container" -c 'SELECT x FROM replicated' 2>/dev/null)" = "from the primary" ]; }
wait_until 60 arrived || fail "the row did not reach the replica"

note "a restart keeps the replica's data directory (no second clone)"
docker exec -u postgres "$container" sh -c 'touch "$PGDATA/pgfit-e2e-sentinel"'
docker restart "$container" >/dev/null
wait_healthy "$replica" replica 300 >/dev/null
docker exec "$container" sh -c 'test -f "$PGDATA/pgfit-e2e-sentinel"' || fail "the replica was cloned again"
assert_eq "$(psql_in "$container" -c 'SELECT x FROM replicated')" "from the primary" "data after the restart"
