// The installed PgBouncer's version, and what each version accepts. PgBouncer refuses to start
// on a key it does not know (1.18: "unknown parameter"), so every version-dependent key of
// pgbouncer.ini is decided here.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::pooler {

struct PgBouncerVersion {
    int major = 0;
    int minor = 0;
    int patch = 0;

    std::string to_string() const;
    auto operator<=>(const PgBouncerVersion&) const = default;
};

// Parses the first line of `pgbouncer --version` ("PgBouncer 1.18.0", also "PgBouncer
// 1.25.0rc1"). Error: where = `origin`, the line quoted.
Result<PgBouncerVersion> parse_pgbouncer_version(std::string_view output, std::string_view origin);

// max_prepared_statements (protocol-level named statements in transaction mode): 1.21+.
bool supports_prepared_statements(const PgBouncerVersion& version);
// `options` in ignore_startup_parameters: 1.20+.
bool ignores_options_parameter(const PgBouncerVersion& version);
// The signal that stops PgBouncer at once: SIGTERM up to 1.22; from 1.23 SIGTERM waits for
// every client to leave, and SIGQUIT is the immediate shutdown.
int immediate_shutdown_signal(const PgBouncerVersion& version);

} // namespace pgfit::pooler
