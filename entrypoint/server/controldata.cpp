#include "server/controldata.hpp"

#include "supervise/run_captured.hpp"
#include "util/strings.hpp"

namespace pgfit::server {

namespace {

constexpr std::chrono::seconds k_controldata_timeout{60};

} // namespace

Result<std::string> run_controldata(supervise::Supervisor& supervisor, const std::string& bindir,
                                    const std::string& pgdata, const Environment& environment) {
    supervise::ChildSpec spec;
    spec.argv = {bindir + "/pg_controldata", "-D", pgdata};
    spec.environment = environment;
    spec.environment.set("LC_ALL", "C");
    const auto ran = supervise::run_captured(supervisor, spec, k_controldata_timeout);
    if (!ran) {
        return fail("pg_controldata", "{}", ran.error().message);
    }
    if (ran->exit.exit_code() != 0) {
        const auto first_line = trim(split(ran->err, '\n').front());
        return fail("pg_controldata", "failed with {}{}{}", supervise::describe_exit(ran->exit),
                    first_line.empty() ? "" : ": ", first_line);
    }
    return ran->out;
}

std::optional<std::string_view> controldata_field(std::string_view output, std::string_view label) {
    for (const auto line : split(output, '\n')) {
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && trim(line.substr(0, colon)) == label) {
            return trim(line.substr(colon + 1));
        }
    }
    return std::nullopt;
}

} // namespace pgfit::server
