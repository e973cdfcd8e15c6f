#include "tune/profile.hpp"

namespace pgfit::tune {

std::string_view to_string(Profile profile) {
    switch (profile) {
    case Profile::web:
        return "web";
    case Profile::oltp:
        return "oltp";
    case Profile::dw:
        return "dw";
    case Profile::mixed:
        return "mixed";
    case Profile::desktop:
        return "desktop";
    }
    return "mixed";
}

std::string_view to_string(Storage storage) {
    switch (storage) {
    case Storage::ssd:
        return "ssd";
    case Storage::hdd:
        return "hdd";
    case Storage::network:
        return "network";
    }
    return "ssd";
}

std::optional<Profile> parse_profile(std::string_view text) {
    for (const auto profile : k_profiles) {
        if (to_string(profile) == text) {
            return profile;
        }
    }
    return std::nullopt;
}

std::optional<Storage> parse_storage(std::string_view text) {
    for (const auto storage : k_storages) {
        if (to_string(storage) == text) {
            return storage;
        }
    }
    return std::nullopt;
}

std::string profile_names() {
    std::string names;
    for (const auto profile : k_profiles) {
        names += names.empty() ? "" : "|";
        names += to_string(profile);
    }
    return names;
}

std::string storage_names() {
    std::string names;
    for (const auto storage : k_storages) {
        names += names.empty() ? "" : "|";
        names += to_string(storage);
    }
    return names;
}

} // namespace pgfit::tune
