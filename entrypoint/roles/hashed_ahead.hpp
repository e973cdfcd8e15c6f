// The managed passwords' salted hashes, begun on a thread of their own when a start begins:
// SHA-256-crypt costs 0.4 ms a password, and the roles step, which compares them with
// PGDATA/pgfit-roles.state, comes after the detection, the plan and the cluster checks, which
// cover that time on another CPU.
#pragma once

#include <future>
#include <string>

#include "roles/state.hpp"
#include "roles/wanted.hpp"

namespace pgfit::roles {

class HashedAhead {
public:
    // Starts hashing `wanted` (which must outlive this object) with the salt the state file in
    // `pgdata` records; nothing when there is no such file or no password to hash.
    HashedAhead(const Wanted& wanted, const std::string& pgdata);
    HashedAhead(const HashedAhead&) = delete; // the thread holds `this`
    HashedAhead& operator=(const HashedAhead&) = delete;

    // state_of(wanted, salt): the thread's answer when it hashed with this salt.
    RolesState state_for(const std::string& salt);

private:
    const Wanted& m_wanted;
    std::string m_salt;
    std::future<RolesState> m_state;
};

} // namespace pgfit::roles
