#include "roles/hashed_ahead.hpp"

#include <system_error>

#include "util/file.hpp"

namespace pgfit::roles {

HashedAhead::HashedAhead(const Wanted& wanted, const std::string& pgdata) : m_wanted(wanted) {
    if (wanted.passwords.empty()) {
        return;
    }
    const auto text = read_file(pgdata + "/" + k_state_name);
    const auto recorded = text ? parse_state(*text) : std::nullopt;
    if (!recorded) {
        return;
    }
    m_salt = recorded->salt;
    try {
        m_state = std::async(std::launch::async, [this] { return state_of(m_wanted, m_salt); });
    } catch (const std::system_error&) {
        // No thread to be had: state_for hashes on the caller's.
    }
}

RolesState HashedAhead::state_for(const std::string& salt) {
    if (m_state.valid() && salt == m_salt) {
        return m_state.get();
    }
    return state_of(m_wanted, salt);
}

} // namespace pgfit::roles
