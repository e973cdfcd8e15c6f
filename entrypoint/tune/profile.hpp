// The workload profiles and storage kinds an operator chooses from, and their spelling.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pgfit::tune {

enum class Profile { web, oltp, dw, mixed, desktop };
enum class Storage { ssd, hdd, network };

inline constexpr std::array k_profiles{Profile::web, Profile::oltp, Profile::dw, Profile::mixed,
                                       Profile::desktop};
inline constexpr std::array k_storages{Storage::ssd, Storage::hdd, Storage::network};

std::string_view to_string(Profile profile);
std::string_view to_string(Storage storage);

// Exact lower-case names only; nullopt for anything else.
std::optional<Profile> parse_profile(std::string_view text);
std::optional<Storage> parse_storage(std::string_view text);

// "web|oltp|dw|mixed|desktop" and "ssd|hdd|network", for error messages.
std::string profile_names();
std::string storage_names();

} // namespace pgfit::tune
