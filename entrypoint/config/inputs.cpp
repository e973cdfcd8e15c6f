#include "config/inputs.hpp"

#include <cmath>

#include <fmt/format.h>

#include "util/bytes.hpp"

namespace pgfit::config {

namespace {

unsigned round_up_cpus(double cpus) {
    return static_cast<unsigned>(std::ceil(cpus));
}

// With no memory limit anywhere the host's memory is shared with every other container and
// process on it. Such a container is nearly always a test or development database
// (Testcontainers and `docker run` set no limit; production sets one), so the plan takes a
// quarter of the host, at most 2 GiB: a start as quick as the stock settings', and no claim on
// a large host that nothing reserved. POSTGRES_MEMORY (or a real limit) plans for more.
constexpr unsigned k_unlimited_share_divisor = 4;
constexpr Bytes k_unlimited_cap = Bytes::gib(2);

Sourced<Bytes> memory_to_plan_for(const Sourced<Bytes>& detected) {
    if (detected.origin.kind != OriginKind::host) {
        return detected;
    }
    const Bytes quarter{detected.value.count / k_unlimited_share_divisor};
    if (quarter.count > k_unlimited_cap.count) {
        return sourced(k_unlimited_cap, OriginKind::host,
                       fmt::format("no memory limit: at most {} of the host's {} (set "
                                   "POSTGRES_MEMORY to plan for more)",
                                   to_human(k_unlimited_cap), to_human(detected.value)));
    }
    return sourced(quarter, OriginKind::host,
                   fmt::format("no memory limit: a quarter of the host's {} (set POSTGRES_MEMORY "
                               "to plan for more)",
                               to_human(detected.value)));
}

} // namespace

tune::Inputs resolve_inputs(const TuningChoices& choices, const TomlSettings& toml,
                            const detect::Resources& resources) {
    tune::Inputs inputs;
    inputs.coefficients = toml.coefficients;
    inputs.memory =
        choices.memory.value_or(toml.memory.value_or(memory_to_plan_for(resources.memory)));
    if (const auto& beside = choices.beside_postgres) {
        const auto left = inputs.memory.value.count - std::min(inputs.memory.value.count,
                                                               beside->value.count);
        inputs.memory = Sourced<Bytes>{
            Bytes{left}, {inputs.memory.origin.kind,
                          fmt::format("{} minus {}, {}", inputs.memory.origin.to_string(),
                                      to_human(beside->value), beside->origin.detail)}};
    }
    if (const auto& cpus = choices.cpus ? choices.cpus : toml.cpus) {
        inputs.cpus = Sourced<unsigned>{round_up_cpus(cpus->value), cpus->origin};
    } else {
        inputs.cpus = resources.cpus;
    }
    inputs.shm = resources.shm;
    inputs.huge_pages_available = resources.huge_pages_available;
    inputs.replication = choices.replication;
    inputs.cron_database = choices.cron_database;
    inputs.pg_major = sourced(tune::k_newest_major, OriginKind::built_in);
    inputs.profile = choices.profile.value_or(
        toml.profile.value_or(sourced(tune::Profile::mixed, OriginKind::built_in)));
    inputs.storage = choices.storage.value_or(
        toml.storage.value_or(sourced(tune::Storage::ssd, OriginKind::built_in)));
    inputs.max_connections =
        choices.max_connections ? choices.max_connections : toml.max_connections;
    return inputs;
}

} // namespace pgfit::config
