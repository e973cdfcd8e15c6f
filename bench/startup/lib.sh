# shellcheck shell=bash
# Clocks, log time stamps and statistics shared by the start-up benchmarks; sourced. Results are
# lines "config image key microseconds" in the file $results.

# Host clock in microseconds, without a fork.
now_us() { echo "${EPOCHREALTIME/./}"; }
# Any date(1) string (RFC 3339 with ns, stat's "%w") in microseconds.
to_us() { date -d "$1" +%s%6N; }

# Whether perf can record these tracepoints here (linux-perf installed, run as root).
perf_can_record() { # tracepoint...
    local events=() event
    for event in "$@"; do events+=(-e "$event"); done
    # shellcheck disable=SC2154 # $work: the sourcing script's
    command -v perf >/dev/null &&
        perf record -q "${events[@]}" -o "$work/perf-check.data" -- true >/dev/null 2>&1
}

record() { # config image key microseconds
    # shellcheck disable=SC2154 # $results: the sourcing script's
    echo "$1 $2 $3 $4" >>"$results"
}

# The time stamp (µs) docker gave the first or last log line matching `regex`; empty if none.
log_line_us() { # log-file regex first|last
    local line
    if [ "$3" = first ]; then
        line=$(grep -E -m1 -- "$2" "$1" || true)
    else
        line=$(grep -E -- "$2" "$1" | tail -1 || true)
    fi
    [ -z "$line" ] || to_us "${line%% *}"
}

# "median (p90)" in ms of the values recorded under config, image and key; "-" when none.
stat_of() { # config image key
    awk -v c="$1" -v i="$2" -v k="$3" '
        { key = $3; for (f = 4; f < NF; f++) key = key " " $f }
        $1 == c && $2 == i && key == k { v[++n] = $NF / 1000 }
        function fmt(x) { return (x < 100 && x > -100) ? sprintf("%.1f", x) : sprintf("%d", x + (x < 0 ? -0.5 : 0.5)) }
        END {
            if (n == 0) { print "-"; exit }
            for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (v[b] < v[a]) { t = v[a]; v[a] = v[b]; v[b] = t }
            median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            p90 = v[int(n * 0.9 + 0.999)]
            printf "%s (%s)\n", fmt(median), fmt(p90)
        }' "$results"
}
ratio() { # "median (p90)" "median (p90)"
    awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { if (a == "-" || b == "-" || a + 0 == 0) print "-"; else printf "%.2f\n", b / a }'
}
