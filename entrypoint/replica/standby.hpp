// What a hot standby must run with, whatever its own size: max_connections,
// max_worker_processes, max_wal_senders, max_prepared_transactions and
// max_locks_per_transaction at least the primary's (PostgreSQL refuses to start below them;
// the primary's values are in the standby's pg_control, shown by pg_controldata), and the
// primary's shared_preload_libraries (learnt during the clone, kept in
// PGDATA/pgfit-primary-libraries), so the extensions' objects work on the standby.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::replica {

struct PrimaryMinimum {
    std::string setting; // GUC name, e.g. max_prepared_transactions
    long long value = 0; // the primary's

    bool operator==(const PrimaryMinimum&) const = default;
};

// The five values from pg_controldata's output (in the C locale), in the order above. Error:
// a line is missing or not a number ("pg_controldata: no 'max_connections setting:' line").
Result<std::vector<PrimaryMinimum>> parse_controldata(std::string_view output);

// "Database system identifier:" in pg_controldata's output; nullopt when the line is missing.
std::optional<std::string> system_identifier(std::string_view controldata_output);

// server::run_controldata, parsed.
Result<std::vector<PrimaryMinimum>> read_primary_minimums(supervise::Supervisor& supervisor,
                                                          const std::string& bindir,
                                                          const std::string& pgdata,
                                                          const Environment& environment);

// PostgreSQL's built-in value of one of the five settings.
long long builtin_value(std::string_view setting);

// The value the standby would run with now, and where it comes from.
struct StandbyValue {
    std::string text;         // as written, e.g. "100"
    std::string source;       // "tuned for 512MB", "command line '-c ...'", "PostgreSQL default"
    bool by_operator = false; // command line or ALTER SYSTEM
};

struct Raise {
    std::string setting;
    std::string from; // the value it had
    long long to = 0; // the primary's
    std::string source;
    bool by_operator = false;

    bool operator==(const Raise&) const = default;
};

// The settings whose current value (from `current`; nullopt = PostgreSQL's built-in value)
// is below the primary's. A value that is not a whole number is raised too.
std::vector<Raise>
raises_needed(const std::vector<PrimaryMinimum>& minimums,
              const std::function<std::optional<StandbyValue>(const std::string&)>& current);

// One log line: "standby: max_connections raised from 40 (tuned for 512MB) to 100, the
// primary's value: a hot standby refuses to start with less than its primary".
std::string describe_raise(const Raise& raise);

// The primary's libraries (PGDATA/pgfit-primary-libraries), nullopt when the file is missing
// (a standby pgfit did not clone).
std::optional<std::string> read_primary_libraries(const std::string& pgdata);

// On a primary, at every start: the shared_preload_libraries it runs with, recorded in
// PGDATA/pgfit-primary-libraries (written only when it changed), so that pg_basebackup copies
// them to its replicas, whose replication user may not SHOW them. nullopt (pgfit does not
// know the value) removes the file.
Result<void> record_primary_libraries(const std::string& pgdata,
                                      const std::optional<std::string>& libraries);

// shared_preload_libraries with the primary's libraries first, then the replica's own that
// are not among them; entries trimmed, quotes kept, duplicates dropped. "" when both are empty.
std::string union_libraries(std::string_view primary, std::string_view replica);

// The names in a shared_preload_libraries value, trimmed, without empty entries.
std::vector<std::string> library_names(std::string_view value);

} // namespace pgfit::replica
