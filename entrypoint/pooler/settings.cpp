#include "pooler/settings.hpp"

#include <algorithm>

namespace pgfit::pooler {

bool is_pgbouncer_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '_' || c == '.' || c == '-';
    });
}

} // namespace pgfit::pooler
