#include "settings/layers.hpp"

#include <map>

#include "util/log.hpp"

namespace pgfit::settings {

FilteredSettings filter_tuned(const std::vector<tune::Setting>& tuned,
                              const std::vector<OperatorSetting>& chosen) {
    std::map<std::string, const OperatorSetting*> by_name;
    for (const auto& setting : chosen) {
        by_name.insert_or_assign(setting.name, &setting);
    }
    FilteredSettings filtered;
    for (const auto& setting : tuned) {
        const auto found = by_name.find(normalize_setting_name(setting.name));
        if (found == by_name.end()) {
            filtered.kept.push_back(setting);
        } else {
            filtered.skipped.push_back({setting, *found->second});
        }
    }
    return filtered;
}

std::string describe_skipped(const SkippedSetting& skipped) {
    return fmt::format("{}: keeping the operator's {} ({}) instead of the tuned {}",
                       skipped.tuned.name, skipped.chosen.value, skipped.chosen.source,
                       skipped.tuned.value);
}

void log_skipped_once(const FilteredSettings& filtered, std::set<std::string>& logged) {
    for (const auto& skipped : filtered.skipped) {
        if (logged.insert(skipped.tuned.name).second) {
            log::info("{}", describe_skipped(skipped));
        }
    }
}

std::vector<std::string> to_flags(const std::vector<tune::Setting>& settings) {
    std::vector<std::string> flags;
    flags.reserve(settings.size() * 2);
    for (const auto& setting : settings) {
        flags.push_back("-c");
        flags.push_back(setting.name + "=" + setting.value);
    }
    return flags;
}

ServerArguments compose(const std::vector<tune::Setting>& tuned,
                        const std::vector<OperatorSetting>& chosen,
                        const std::vector<std::string>& operator_args,
                        const std::vector<std::string>& mandatory) {
    ServerArguments composed{{}, filter_tuned(tuned, chosen)};
    composed.args = to_flags(composed.filtered.kept);
    composed.args.insert(composed.args.end(), operator_args.begin(), operator_args.end());
    composed.args.insert(composed.args.end(), mandatory.begin(), mandatory.end());
    return composed;
}

} // namespace pgfit::settings
