// What the tuner produces: the settings to pass to postgres, each with the reason for its
// value, and the worst-case memory budget they add up to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/bytes.hpp"

namespace pgfit::tune {

struct Setting {
    std::string name;   // GUC name, e.g. shared_buffers
    std::string value;  // exactly as passed with -c, e.g. 256MB
    std::string reason; // one line: why this value

    bool operator==(const Setting&) const = default;
};

// The worst case: every connection and parallel worker running a heavy query at once.
struct Budget {
    Bytes limit;       // memory for tuning
    Bytes headroom;    // kept free: max(64 MiB, 10% of limit)
    Bytes shared;      // shared_buffers + wal_buffers + fixed shared overhead
    Bytes processes;   // idle cost of every possible process
    Bytes query;       // per-query memory of every connection and parallel worker
    Bytes maintenance; // autovacuum workers and one manual maintenance operation
    Bytes worst_case;  // shared + processes + query + maintenance
    bool fits = false; // worst_case <= limit - headroom

    bool operator==(const Budget&) const = default;
};

struct Plan {
    std::vector<Setting> settings;
    Budget budget;
    std::vector<std::string> warnings;
    // Heavy sessions that fit in the budget (what a pooler in front may open); 0 when not even
    // the connection floor fits.
    unsigned sessions_that_fit = 0;

    // The setting named `name`, or nullptr.
    const Setting* find(std::string_view name) const;
};

} // namespace pgfit::tune
