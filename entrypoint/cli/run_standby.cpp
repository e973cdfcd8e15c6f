#include "cli/run_standby.hpp"

#include <algorithm>
#include <filesystem>

#include "config/container_plan.hpp"
#include "replica/clone.hpp"
#include "replica/standby.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

namespace {

constexpr const char* k_libraries = "shared_preload_libraries";

const OperatorSetting* operator_setting(const std::vector<OperatorSetting>& chosen,
                                        const std::string& name) {
    const OperatorSetting* found = nullptr;
    for (const auto& setting : chosen) {
        if (setting.name == name) {
            found = &setting; // the last one counts, as in postgres
        }
    }
    return found;
}

template <typename Settings> // std::vector<tune::Setting>, const or not
auto* tuned_setting(Settings& tuned, const std::string& name) {
    const auto found = std::find_if(tuned.begin(), tuned.end(), [&](const tune::Setting& s) {
        return normalize_setting_name(s.name) == name;
    });
    return found == tuned.end() ? nullptr : &*found;
}

std::vector<replica::Raise> raises_for(const std::vector<replica::PrimaryMinimum>& minimums,
                                       std::vector<tune::Setting>& tuned,
                                       const std::vector<OperatorSetting>& chosen) {
    return replica::raises_needed(
        minimums, [&](const std::string& name) -> std::optional<replica::StandbyValue> {
            if (const auto* mine = operator_setting(chosen, name)) {
                return replica::StandbyValue{mine->value, mine->source, true};
            }
            if (const auto* setting = tuned_setting(tuned, name)) {
                return replica::StandbyValue{setting->value, "tuned for this container", false};
            }
            return std::nullopt;
        });
}

// max_connections pinned to the primary's, through the same input as POSTGRES_MAX_CONNECTIONS.
Result<void> replan(const StandbyContext& context, long long connections,
                    std::vector<tune::Setting>& tuned) {
    Environment pinned = context.environment;
    pinned.set("POSTGRES_MAX_CONNECTIONS", std::to_string(connections));
    log::info("standby: planning again with max_connections pinned to {} (the primary's), so "
              "the per-connection memory shrinks to fit",
              connections);
    auto plan = config::plan_for_container(pinned, context.resources, context.postgres_binary);
    if (!plan) {
        return Unexpected{plan.error()};
    }
    tuned = std::move(plan->settings);
    return {};
}

void keep_primary_libraries(const StandbyContext& context, std::vector<tune::Setting>& tuned,
                            const std::vector<OperatorSetting>& chosen,
                            std::vector<std::string>& trailing) {
    const auto primary = replica::read_primary_libraries(context.pgdata);
    if (!primary || primary->empty()) {
        return;
    }
    if (const auto* mine = operator_setting(chosen, k_libraries)) {
        std::string missing;
        const auto own = replica::library_names(mine->value);
        for (const auto& name : replica::library_names(*primary)) {
            if (std::find(own.begin(), own.end(), name) == own.end()) {
                missing += missing.empty() ? name : ", " + name;
            }
        }
        if (!missing.empty()) {
            log::warning("standby: keeping the operator's shared_preload_libraries '{}' ({}), "
                         "which lacks the primary's {}: queries on their objects may fail here",
                         mine->value, mine->source, missing);
        }
        return;
    }
    if (auto* setting = tuned_setting(tuned, k_libraries)) {
        const auto joined = replica::union_libraries(*primary, setting->value);
        if (joined != setting->value) {
            log::info("standby: shared_preload_libraries '{}': the primary's '{}' with the "
                      "tuned '{}'",
                      joined, *primary, setting->value);
            setting->value = joined;
        }
        return;
    }
    log::info("standby: shared_preload_libraries '{}', the primary's", *primary);
    trailing.insert(trailing.end(), {"-c", std::string(k_libraries) + "=" + *primary});
}

void follow_configured_primary(const StandbyContext& context,
                               const std::vector<OperatorSetting>& chosen,
                               std::vector<std::string>& trailing) {
    const auto& replica = *context.replica;
    if (const auto* mine = operator_setting(chosen, "primary_conninfo");
        mine != nullptr && mine->value.find(replica::k_passfile_name) == std::string::npos) {
        log::info("standby: keeping the operator's primary_conninfo ({}); POSTGRES_PRIMARY_HOST "
                  "and POSTGRES_PRIMARY_PORT are not used",
                  mine->source);
        return;
    }
    const auto passfile = context.pgdata + "/" + replica::k_passfile_name;
    trailing.insert(trailing.end(),
                    {"-c", "primary_conninfo=" + replica::primary_conninfo(replica, passfile)});
    log::info("standby: streaming from {} as user '{}', slot '{}'", replica.primary_address(),
              replica.user, replica.slot);
}

} // namespace

Result<std::vector<std::string>> adapt_for_standby(const StandbyContext& context,
                                                   std::vector<tune::Setting>& tuned,
                                                   const std::vector<OperatorSetting>& chosen) {
    const auto bindir = std::filesystem::path(context.postgres_binary).parent_path().string();
    auto minimums = replica::read_primary_minimums(context.supervisor, bindir, context.pgdata,
                                                   context.server_environment);
    if (!minimums) {
        return Unexpected{minimums.error()};
    }
    const auto first = raises_for(*minimums, tuned, chosen);
    for (const auto& raise : first) {
        if (raise.by_operator) {
            log::warning("{}", replica::describe_raise(raise));
        } else {
            log::info("{}", replica::describe_raise(raise));
        }
    }
    const auto connections =
        std::find_if(first.begin(), first.end(), [](const replica::Raise& raise) {
            return raise.setting == "max_connections";
        });
    if (connections != first.end() && context.autoconfig) {
        PGFIT_TRY(replan(context, connections->to, tuned));
    }
    std::vector<std::string> trailing;
    for (const auto& raise : raises_for(*minimums, tuned, chosen)) {
        auto* setting = raise.by_operator ? nullptr : tuned_setting(tuned, raise.setting);
        if (setting != nullptr) {
            setting->value = std::to_string(raise.to);
        } else {
            trailing.insert(trailing.end(), {"-c", fmt::format("{}={}", raise.setting, raise.to)});
        }
    }
    keep_primary_libraries(context, tuned, chosen, trailing);
    if (context.replica != nullptr) {
        follow_configured_primary(context, chosen, trailing);
    }
    return trailing;
}

void record_libraries_for_replicas(const std::string& pgdata,
                                   const std::vector<tune::Setting>& tuned,
                                   const std::vector<OperatorSetting>& chosen) {
    std::optional<std::string> libraries;
    if (const auto* mine = operator_setting(chosen, k_libraries)) {
        libraries = mine->value;
    } else if (const auto* setting = tuned_setting(tuned, k_libraries)) {
        libraries = setting->value;
    }
    if (auto recorded = replica::record_primary_libraries(pgdata, libraries); !recorded) {
        log::warning("{}", recorded.error().to_string());
    }
}

} // namespace pgfit::cli
