# Sourced by calibrate.sh and adversarial.sh: where the server runs and how to reach it.
#   PGFIT_BENCH_ROOT=DIR  run the server from a root filesystem holding /usr/lib/postgresql/N/bin
#                         (chroot DIR, as its postgres user, same uid as the host's); the work
#                         directory lives in DIR/tmp so the host's psql reaches the socket.
#                         /proc and a tmpfs /dev/shm are mounted in DIR for the run.
# Unset: the host's newest /usr/lib/postgresql/N/bin, as before.
# Sets: root, bindir (server side), client (host side psql/pgbench), version (18.6), major (18),
# work (host path), pg (work/pg, the postgres user's: data directories, log, socket) and spg
# (pg as the server sees it); defines as_pg, psql_q, query, make_tables, server_cleanup.
# Argument: the work directory's prefix.
root=${PGFIT_BENCH_ROOT:+$(realpath "$PGFIT_BENCH_ROOT")}
newest_bindir() { ls -d "$1"/usr/lib/postgresql/*/bin | sort -V | tail -1; }
bindir=${bindir:-$(newest_bindir "$root")}
bindir=${bindir#"$root"}
client=$(newest_bindir "")
mounted=()
if [ -n "$root" ]; then
    mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounted+=("$root/proc"); }
    mountpoint -q "$root/dev/shm" || { mount -t tmpfs -o mode=1777 shm "$root/dev/shm"; mounted+=("$root/dev/shm"); }
fi
as_pg() { ${root:+chroot "$root"} su postgres -s /bin/bash -c "$*"; }
version=$(as_pg "$bindir/postgres --version" | awk '{print $3}')
major=${version%%.*}
work=$(mktemp -d "$root/tmp/$1.XXXXXX")
chmod 755 "$work"; mkdir "$work/pg"; chown postgres "$work/pg"
pg=$work/pg
spg=${pg#"$root"}
server_cleanup() {
    rm -rf "$work"
    for m in "${mounted[@]}"; do umount "$m" || true; done
}
psql_q() { "$client/psql" -h "$pg" -U postgres -X -q -At "$@"; }

query="SELECT a.payload, b.payload FROM a JOIN b USING (id) ORDER BY a.payload DESC, b.payload LIMIT 1 OFFSET 1000"
make_tables() {
    psql_q -c "CREATE TABLE a AS SELECT g AS id, md5(g::text) AS payload FROM generate_series(1, 2000000) g" \
           -c "CREATE TABLE b AS SELECT g AS id, md5((g * 7)::text) AS payload FROM generate_series(1, 2000000) g" \
           -c "ANALYZE a" -c "ANALYZE b"
}
