#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR for SECONDS each; any crash or sanitizer report fails.
set -euo pipefail
build_dir=$1
seconds=$2
corpus_root="$(cd "$(dirname "$0")" && pwd)/corpus"
shopt -s nullglob
targets=("$build_dir"/fuzz_*)
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets in $build_dir" >&2; exit 1; }
for target in "${targets[@]}"; do
    name=$(basename "$target")
    work=$(mktemp -d)
    seeds=()
    [ -d "$corpus_root/$name" ] && seeds=("$corpus_root/$name")
    echo "fuzzing $name for ${seconds}s"
    "$target" -max_total_time="$seconds" -print_final_stats=1 "$work" "${seeds[@]}" 2>"$work.log" ||
        { tail -50 "$work.log" >&2; exit 1; }
    grep -E '^stat::number_of_executed_units' "$work.log" || true
    rm -rf "$work" "$work.log"
done
