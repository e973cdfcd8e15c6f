#include "pooler/pgbouncer_version.hpp"

#include <signal.h>

#include "util/strings.hpp"

namespace pgfit::pooler {

namespace {

// The leading digits of `text` as a number, or -1 when there are none.
int leading_number(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && digits < 6 && is_ascii_digit(text[digits])) {
        ++digits;
    }
    const auto value = parse_uint64(text.substr(0, digits));
    return value ? static_cast<int>(*value) : -1;
}

} // namespace

std::string PgBouncerVersion::to_string() const {
    return fmt::format("{}.{}.{}", major, minor, patch);
}

Result<PgBouncerVersion> parse_pgbouncer_version(std::string_view output, std::string_view origin) {
    const std::string_view line = trim(output.substr(0, output.find('\n')));
    constexpr std::string_view prefix = "PgBouncer ";
    const auto bad = [&] {
        return fail(std::string(origin),
                    "cannot read the PgBouncer version from '{}'; expected 'PgBouncer X.Y.Z'",
                    line);
    };
    if (line.substr(0, prefix.size()) != prefix) {
        return bad();
    }
    const auto parts = split(line.substr(prefix.size()), '.');
    if (parts.size() < 2 || parts.size() > 3) {
        return bad();
    }
    PgBouncerVersion version;
    version.major = leading_number(parts[0]);
    version.minor = leading_number(parts[1]);
    version.patch = parts.size() == 3 ? leading_number(parts[2]) : 0;
    if (version.major < 0 || version.minor < 0 || version.patch < 0) {
        return bad();
    }
    return version;
}

bool supports_prepared_statements(const PgBouncerVersion& version) {
    return version >= PgBouncerVersion{1, 21, 0};
}

bool ignores_options_parameter(const PgBouncerVersion& version) {
    return version >= PgBouncerVersion{1, 20, 0};
}

int immediate_shutdown_signal(const PgBouncerVersion& version) {
    return version >= PgBouncerVersion{1, 23, 0} ? SIGQUIT : SIGTERM;
}

} // namespace pgfit::pooler
