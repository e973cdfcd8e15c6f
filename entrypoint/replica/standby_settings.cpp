#include "replica/standby_settings.hpp"

#include <algorithm>

#include "replica/clone.hpp"
#include "replica/standby.hpp"
#include "tune/tuner.hpp"
#include "util/log.hpp"

namespace pgfit::replica {

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
        return settings::normalize_setting_name(s.name) == name;
    });
    return found == tuned.end() ? nullptr : &*found;
}

std::vector<Raise> raises_for(const std::vector<PrimaryMinimum>& minimums,
                              std::vector<tune::Setting>& tuned,
                              const std::vector<OperatorSetting>& chosen) {
    return raises_needed(minimums, [&](const std::string& name) -> std::optional<StandbyValue> {
        if (const auto* mine = operator_setting(chosen, name)) {
            return StandbyValue{mine->value, mine->source, true};
        }
        if (const auto* setting = tuned_setting(tuned, name)) {
            return StandbyValue{setting->value, "tuned for this container", false};
        }
        return std::nullopt;
    });
}

void replan(const tune::Inputs& inputs, long long connections, std::vector<tune::Setting>& tuned) {
    log::info("standby: planning again with max_connections pinned to {} (the primary's), so "
              "the per-connection memory shrinks to fit",
              connections);
    auto plan = plan_with_primary_connections(inputs, static_cast<unsigned>(connections));
    for (const auto& warning : plan.warnings) {
        log::warning("standby: {}", warning);
    }
    tuned = std::move(plan.settings);
}

void keep_primary_libraries(const StandbyContext& context, std::vector<tune::Setting>& tuned,
                            const std::vector<OperatorSetting>& chosen,
                            std::vector<std::string>& trailing) {
    const auto primary = read_primary_libraries(context.pgdata);
    if (!primary || primary->empty()) {
        return;
    }
    if (const auto* mine = operator_setting(chosen, k_libraries)) {
        std::string missing;
        const auto own = library_names(mine->value);
        for (const auto& name : library_names(*primary)) {
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
        const auto joined = union_libraries(*primary, setting->value);
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
        mine != nullptr && mine->value.find(k_passfile_name) == std::string::npos) {
        log::info("standby: keeping the operator's primary_conninfo ({}); POSTGRES_PRIMARY_HOST "
                  "and POSTGRES_PRIMARY_PORT are not used",
                  mine->source);
        return;
    }
    const auto passfile = context.pgdata + "/" + k_passfile_name;
    trailing.insert(trailing.end(),
                    {"-c", "primary_conninfo=" + primary_conninfo(replica, passfile)});
    log::info("standby: streaming from {} as user '{}', slot '{}'", replica.primary_address(),
              replica.user, replica.slot);
}

} // namespace

tune::Plan plan_with_primary_connections(tune::Inputs inputs, unsigned connections) {
    inputs.max_connections = sourced(connections, OriginKind::detected,
                                     "the primary's max_connections (pg_controldata)");
    return tune::make_plan(inputs);
}

Result<std::vector<std::string>> adapt_for_standby(const StandbyContext& context,
                                                   std::vector<tune::Setting>& tuned,
                                                   const std::vector<OperatorSetting>& chosen) {
    PGFIT_TRY_ASSIGN(auto minimums,
                     read_primary_minimums(context.supervisor, context.bindir, context.pgdata,
                                           context.server_environment));
    const auto first = raises_for(minimums, tuned, chosen);
    for (const auto& raise : first) {
        if (raise.by_operator) {
            log::warning("{}", describe_raise(raise));
        } else {
            log::info("{}", describe_raise(raise));
        }
    }
    const auto connections = std::find_if(first.begin(), first.end(), [](const Raise& raise) {
        return raise.setting == "max_connections";
    });
    if (connections != first.end() && context.inputs != nullptr) {
        replan(*context.inputs, connections->to, tuned);
    }
    std::vector<std::string> trailing;
    for (const auto& raise : raises_for(minimums, tuned, chosen)) {
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
    if (auto recorded = record_primary_libraries(pgdata, libraries); !recorded) {
        log::warning("{}", recorded.error().to_string());
    }
}

} // namespace pgfit::replica
