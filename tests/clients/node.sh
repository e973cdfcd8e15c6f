#!/usr/bin/env bash
# The Node.js client suite (tests/clients/node): testcontainers-node 11 and node-postgres against
# the image, run with `node --test` in a runner container, so the host needs no Node.js (a
# bookworm host's Node 18 is too old for testcontainers 11). The runner image is built FROM the
# e2e fixture's trixie base with Debian's nodejs and npm, then `npm ci` of the committed lockfile;
# it is tagged by the hash of its inputs and reused while they are unchanged. The tests are
# mounted, not copied: editing them rebuilds nothing.
#
# The runner talks to the engine through its socket and reaches mapped ports on the host's
# loopback (--network host, TESTCONTAINERS_HOST_OVERRIDE). Ryuk (Testcontainers' reaper) is off:
# its image cannot be pulled. Every container the suite starts carries the label
# pgfit.test-run=NAME and every volume is named NAME-*: both are removed when this script ends,
# whatever happened.
. "$PGFIT_SOURCE_DIR/tests/lib/common.sh"
. "$PGFIT_SOURCE_DIR/tests/e2e/lib/e2e.sh"

project="$PGFIT_SOURCE_DIR/tests/clients/node"
base=$(e2e_state base-17)

key=$( {
    docker image inspect -f '{{.Id}}' "$base"
    cat "$project/Dockerfile" "$project/package.json" "$project/package-lock.json"
} | sha256sum | cut -c1-16)
runner="pgfit-clients-node:$key"

if ! docker image inspect "$runner" >/dev/null 2>&1; then
    note "building the runner image $runner (Node.js and npm from Debian, npm ci)"
    context="$T_DIR/runner-context"
    mkdir -p "$context"
    cp "$project/Dockerfile" "$project/package.json" "$project/package-lock.json" "$context/"
    # The host's trust store, for npm behind a TLS-inspecting proxy the host trusts; empty
    # when the host has none (the image's own bundle is used as well).
    cp /etc/ssl/certs/ca-certificates.crt "$context/host-ca-certificates.crt" 2>/dev/null ||
        : >"$context/host-ca-certificates.crt"
    build_started=$SECONDS
    DOCKER_BUILDKIT=0 docker build --build-arg BASE_IMAGE="$base" -t "$runner" "$context" \
        >"$T_DIR/runner-build.log" 2>&1 ||
        fail "building the runner image failed: $(tail -40 "$T_DIR/runner-build.log")"
    note "runner image built in $((SECONDS - build_started)) s"
    # Runner images of older lockfiles or bases.
    docker image ls --format '{{.Repository}}:{{.Tag}}' pgfit-clients-node |
        grep -vxF "$runner" | xargs -r docker image rm >/dev/null 2>&1 || true
fi

# The engine's socket: DOCKER_HOST's when it names one, else the default.
socket=/var/run/docker.sock
case ${DOCKER_HOST:-} in unix://*) socket=${DOCKER_HOST#unix://} ;; esac

e2e_name run "node"
cleanup_run() {
    docker ps -aq --filter "label=pgfit.test-run=$run" | xargs -r docker rm -fv >/dev/null 2>&1
    docker volume ls -q --filter "name=$run-" | xargs -r docker volume rm >/dev/null 2>&1
    true
}
on_exit cleanup_run

docker run --name "$run" --network host \
    -v "$socket:/var/run/docker.sock" \
    -v "$project/test:/opt/clients/test:ro" \
    -e PGFIT_IMAGE="$E2E_IMAGE" -e PGFIT_IMAGE_VOLUME="$E2E_VOLUME" -e PGFIT_TEST_RUN="$run" \
    -e TESTCONTAINERS_RYUK_DISABLED=true -e TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
    "$runner" node --test --test-concurrency=1 --test-reporter=spec test/ && exit 0

# A container that did not come up is left by Testcontainers (and by the tests): its output
# says why, where the wait strategy's message ("Health check failed") does not.
for container in $(docker ps -aq --filter "label=pgfit.test-run=$run"); do
    echo "--- a container left by the suite: $(docker inspect -f '{{.Name}} {{.State.Status}} (exit {{.State.ExitCode}}) {{json .Config.Entrypoint}} {{json .Config.Cmd}}' "$container")"
    docker logs --tail 30 "$container" 2>&1
done
fail "the Node.js client suite failed (its output is above)"
