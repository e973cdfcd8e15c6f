#include "collation/library_key.hpp"

#include <dlfcn.h>
#include <gnu/libc-version.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgfit::collation {

namespace {

// The directory libc was loaded from, where a distribution installs ICU too.
std::filesystem::path libc_directory() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&::gnu_get_libc_version), &info) == 0 ||
        info.dli_fname == nullptr) {
        return "/usr/lib";
    }
    return std::filesystem::path(info.dli_fname).parent_path();
}

// The files the ICU libraries' names resolve to (their version is in the file name).
std::vector<std::string> icu_libraries(const std::filesystem::path& directory) {
    std::vector<std::string> found;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("libicuuc.so.") || name.starts_with("libicui18n.so.")) {
            const auto target = std::filesystem::canonical(entry.path(), error);
            found.push_back(error ? name : target.filename().string());
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

} // namespace

std::string library_key() {
    return fmt::format("glibc {}; {}", ::gnu_get_libc_version(),
                       fmt::join(icu_libraries(libc_directory()), " "));
}

} // namespace pgfit::collation
