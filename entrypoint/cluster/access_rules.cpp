#include "cluster/access_rules.hpp"

#include <fmt/format.h>

#include "initdb/hba.hpp"
#include "util/file.hpp"

namespace pgfit::cluster {

namespace {

constexpr std::string_view k_begin =
    "# pgfit: rules from the environment, rewritten at every start and on SIGHUP; edit below "
    "the end marker\n";
constexpr std::string_view k_end = "# pgfit: end of rules from the environment\n";

} // namespace

std::string render_access_block(const AccessRules& rules) {
    if (rules.local_only_roles.empty() && !rules.require_tls) {
        return {};
    }
    std::string block(k_begin);
    for (const auto& role : rules.local_only_roles) {
        const auto quoted = initdb::hba_quote(role);
        block += fmt::format("host all {} all reject\nhost replication {} all reject\n", quoted,
                             quoted);
    }
    if (rules.require_tls) {
        block += "hostnossl all all all reject\nhostnossl replication all all reject\n";
    }
    block += k_end;
    return block;
}

std::string with_access_block(std::string_view hba_text, std::string_view block) {
    std::string rest(hba_text);
    if (const auto begin = rest.find(k_begin); begin != std::string::npos) {
        if (const auto end = rest.find(k_end, begin); end != std::string::npos) {
            rest.erase(begin, end + k_end.size() - begin);
        }
    }
    return std::string(block) + rest;
}

Result<bool> apply_access_rules(const std::string& pgdata, const AccessRules& rules) {
    const auto path = pgdata + "/pg_hba.conf";
    PGFIT_TRY_ASSIGN(const auto text, read_file(path));
    const auto wanted = with_access_block(text, render_access_block(rules));
    if (wanted == text) {
        return false;
    }
    PGFIT_TRY(write_file_atomic(path, wanted, 0600));
    return true;
}

} // namespace pgfit::cluster
