// pgfit's image under testcontainers-node 11 (@testcontainers/postgresql) and node-postgres, used
// the way a team's test suite uses the official `postgres` image: only the image name changes.
// Run by tests/clients/node.sh, which provides:
//   PGFIT_IMAGE          the image under test
//   PGFIT_IMAGE_VOLUME   its one VOLUME (where a reused data volume is mounted)
//   PGFIT_TEST_RUN       a unique name: the label on every container started here and the
//                        prefix of every volume, so the runner can remove them after a crash
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { PostgreSqlContainer } from "@testcontainers/postgresql";

const image = required("PGFIT_IMAGE");
const imageVolume = required("PGFIT_IMAGE_VOLUME");
const run = required("PGFIT_TEST_RUN");
const labels = { "pgfit.test-run": run };
// First starts run initdb and the shipped init scripts: generous, as a CI machine is slow.
const timeout = 240_000;

function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set (run tests/clients/node.sh)`);
    }
    return value;
}

// Every container started here, stopped (with its anonymous volumes) in `after` whatever happened.
// One that fails to start is left as it is: tests/clients/node.sh shows its output, then removes it.
const started = [];
async function start(container) {
    const running = await container.withLabels(labels).start();
    started.push(running);
    return running;
}
async function stop(running, options = {}) {
    started.splice(started.indexOf(running), 1);
    await running.stop(options);
}
after(async () => {
    await Promise.allSettled(started.splice(0).map((running) => running.stop()));
});

// One query on a fresh connection, closed again (snapshot and DROP DATABASE need the database
// free of this client's sessions too).
async function query(config, sql, params = []) {
    const client = new pg.Client(config);
    await client.connect();
    try {
        return (await client.query(sql, params)).rows;
    } finally {
        await client.end();
    }
}

function connection(container, database = container.getDatabase()) {
    return {
        host: container.getHost(),
        port: container.getPort(),
        user: container.getUsername(),
        password: container.getPassword(),
        database,
    };
}

// The sessions other than the caller's in the app database: pg_cron's scheduler, a monitoring
// worker... any of them makes CREATE DATABASE ... TEMPLATE and DROP DATABASE fail.
async function otherSessions(container) {
    return query(
        connection(container),
        `SELECT pid, backend_type, application_name, usename FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
}

describe("PostgreSqlContainer with the defaults (test/test/test)", () => {
    let container;
    before(async () => {
        container = await start(new PostgreSqlContainer(image));
    }, { timeout });

    test("answers as user test in database test over the mapped port", async () => {
        const rows = await query({ connectionString: container.getConnectionUri() },
            "SELECT current_user AS user, current_database() AS database");
        assert.deepEqual(rows, [{ user: "test", database: "test" }]);
    });

    test("no other session holds the app database", async () => {
        assert.deepEqual(await otherSessions(container), []);
    });

    test("snapshot() then restoreSnapshot() brings the data back", async () => {
        const config = connection(container);
        await query(config, "CREATE TABLE items (id int PRIMARY KEY, name text)");
        await query(config, "INSERT INTO items VALUES (1, 'migrated')");
        await container.snapshot();
        await query(config, "INSERT INTO items VALUES (2, 'written by a test')");
        await query(config, "UPDATE items SET name = 'changed' WHERE id = 1");
        await container.restoreSnapshot();
        assert.deepEqual(await query(config, "SELECT id, name FROM items ORDER BY id"),
            [{ id: 1, name: "migrated" }]);
        // A second round: the snapshot is dropped and taken again.
        await query(config, "INSERT INTO items VALUES (3, 'second round')");
        await container.snapshot();
        await query(config, "DELETE FROM items");
        await container.restoreSnapshot();
        assert.deepEqual(await query(config, "SELECT id FROM items ORDER BY id"), [{ id: 1 }, { id: 3 }]);
    });

    test("the app database can be dropped and created again from the postgres database", async () => {
        const admin = connection(container, "postgres");
        const client = new pg.Client(admin);
        await client.connect();
        try {
            await client.query(`DROP DATABASE "test"`);
            await client.query(`CREATE DATABASE "test" OWNER "test"`);
        } finally {
            await client.end();
        }
        const rows = await query(connection(container),
            "SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'");
        assert.deepEqual(rows, [{ tables: 0 }]);
    });
});

describe("PostgreSqlContainer.withSSL(cert, key)", () => {
    let dir;
    let cert;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "pgfit-ssl-"));
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", join(dir, "server.key"), "-out", join(dir, "server.crt")], { stdio: "pipe" });
        cert = execFileSync("cat", [join(dir, "server.crt")], { encoding: "utf8" });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test("starts through /usr/local/bin/docker-entrypoint.sh and accepts verified TLS", { timeout }, async () => {
        const container = await start(new PostgreSqlContainer(image)
            .withSSL(join(dir, "server.crt"), join(dir, "server.key")));
        const rows = await query(
            { ...connection(container), ssl: { ca: cert, rejectUnauthorized: true, servername: "localhost" } },
            "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        assert.equal(rows.length, 1);
        assert.equal(rows[0].ssl, true);
        await stop(container);
    });
});

describe("a second container on a reused data volume", () => {
    test("sees the first container's data", { timeout }, async () => {
        const volume = `${run}-reused`;
        const mounted = () => new PostgreSqlContainer(image)
            .withBindMounts([{ source: volume, target: imageVolume, mode: "rw" }]);

        const first = await start(mounted());
        await query(connection(first), "CREATE TABLE kept (note text)");
        await query(connection(first), "INSERT INTO kept VALUES ('from the first container')");
        await stop(first, { timeout: 10_000 });

        const second = await start(mounted());
        assert.deepEqual(await query(connection(second), "SELECT note FROM kept"),
            [{ note: "from the first container" }]);
        assert.deepEqual(await otherSessions(second), []);
        await stop(second, { timeout: 10_000 });
    });
});
