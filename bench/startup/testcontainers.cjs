// One Testcontainers measurement for vs_official.sh: the time of
// `new PostgreSqlContainer(image).start()`, of one query through `pg` (connect, SELECT 1, end)
// and of `stop()` (Testcontainers' default: stop with timeout 0, then remove with volumes).
//
//   node testcontainers.cjs IMAGE MEMORY_GB CPUS LABEL
//
// MEMORY_GB and CPUS 0: no quota (Testcontainers' default); otherwise withResourcesQuota.
// LABEL goes on the container as org.pgfit.bench.run, so the caller can remove it after an
// interrupt. Prints "start_ms query_ms stop_ms". The runtime client is set up before the clock
// starts (it is shared by every container of a test run).
"use strict";
const { getContainerRuntimeClient } = require("testcontainers");
const { PostgreSqlContainer } = require("@testcontainers/postgresql");
const { Client } = require("pg");

async function main() {
    const [image, memory, cpus, label] = process.argv.slice(2);
    if (!label) {
        throw new Error("usage: node testcontainers.cjs IMAGE MEMORY_GB CPUS LABEL");
    }
    await getContainerRuntimeClient();
    const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

    let container = new PostgreSqlContainer(image).withLabels({ "org.pgfit.bench.run": label });
    if (Number(memory) > 0 || Number(cpus) > 0) {
        container = container.withResourcesQuota({
            memory: Number(memory) > 0 ? Number(memory) : undefined,
            cpu: Number(cpus) > 0 ? Number(cpus) : undefined,
        });
    }
    let t = process.hrtime.bigint();
    const started = await container.start();
    const startMs = ms(t);

    t = process.hrtime.bigint();
    const client = new Client({ connectionString: started.getConnectionUri() });
    await client.connect();
    const result = await client.query("SELECT 1 AS one");
    await client.end();
    const queryMs = ms(t);
    if (result.rows[0].one !== 1) {
        throw new Error(`SELECT 1 returned ${JSON.stringify(result.rows)}`);
    }

    t = process.hrtime.bigint();
    await started.stop();
    const stopMs = ms(t);
    console.log(`${startMs.toFixed(1)} ${queryMs.toFixed(1)} ${stopMs.toFixed(1)}`);
}

main().catch((error) => {
    console.error(`testcontainers.cjs: ${error.stack || error}`);
    process.exit(1);
});
