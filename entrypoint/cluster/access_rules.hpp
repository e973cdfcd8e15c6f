// The pg_hba.conf rules that follow the environment at every start and on SIGHUP: a block at
// the top of the file, between two marker lines, rewritten by pgfit (pg_hba.conf is read top
// down and the first matching line decides, so a reject here wins over the operator's lines
// below). The lines appended at init (initdb/hba) and the operator's own are never touched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace pgfit::cluster {

struct AccessRules {
    // Roles refused on every TCP line (host, hostssl, hostnossl): they log in over the local
    // socket only.
    std::vector<std::string> local_only_roles;
    // Every TCP login without TLS is refused (hostnossl ... reject), replication included.
    bool require_tls = false;

    bool operator==(const AccessRules&) const = default;
};

// The block for `rules` with its marker lines; empty when there is no rule.
std::string render_access_block(const AccessRules& rules);

// `hba_text` with its managed block (if any) replaced by `block` at the top.
std::string with_access_block(std::string_view hba_text, std::string_view block);

// Rewrites PGDATA/pg_hba.conf when its block differs from `rules` (atomically, same mode);
// true when the file changed. Error: where = the file.
Result<bool> apply_access_rules(const std::string& pgdata, const AccessRules& rules);

} // namespace pgfit::cluster
