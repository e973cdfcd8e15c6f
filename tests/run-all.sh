#!/usr/bin/env bash
# Sets up a fresh Debian bookworm machine (as root) and runs every pgfit test:
# unit, fixture and integration tests on a release build and on an ASan+UBSan build, the
# libFuzzer targets for a bounded time, and the Docker end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
    build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev \
    libpq-dev libssl-dev libcrypt-dev nettle-dev libfmt-dev libtomlplusplus-dev doctest-dev \
    postgresql-15 postgresql-contrib postgresql-15-cron postgresql-15-pgaudit pgbouncer pgbackrest \
    prometheus-postgres-exporter zstd xz-utils procps util-linux \
    docker.io docker-compose debootstrap

jobs=$(nproc)
run_suite() { # build-dir ctest-args...
    local dir=$1
    shift
    cmake --build "$dir" -j "$jobs"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@"
}

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
run_suite build/release -LE e2e

cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPGFIT_SANITIZE=ON
run_suite build/asan -LE e2e

CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPGFIT_FUZZ=ON
cmake --build build/fuzz -j "$jobs"
tests/fuzz/run.sh build/fuzz "${PGFIT_FUZZ_SECONDS:-30}"

ctest --test-dir build/release --output-on-failure -L e2e
