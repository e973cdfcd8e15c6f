#include "initdb/init_files.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "util/file.hpp"

namespace pgfit::initdb {

namespace {

std::optional<std::string> collation_locale(const Environment& environment) {
    for (const char* name : {"LC_ALL", "LC_COLLATE", "LANG"}) {
        if (auto value = environment.get_non_empty(name)) {
            if (*value == "C" || *value == "POSIX") {
                return std::nullopt;
            }
            return value;
        }
    }
    return std::nullopt;
}

Result<std::vector<std::string>> directory_names(const std::string& directory) {
    DIR* handle = ::opendir(directory.c_str());
    if (handle == nullptr) {
        return fail(directory, "cannot read init directory: {}", std::strerror(errno));
    }
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(handle)) {
        if (entry->d_name[0] != '.') {
            names.emplace_back(entry->d_name);
        }
    }
    ::closedir(handle);
    return names;
}

} // namespace

InitFileKind kind_of(const std::string& name) {
    if (name.ends_with(".sh")) {
        return InitFileKind::shell;
    }
    if (name.ends_with(".sql")) {
        return InitFileKind::sql;
    }
    if (name.ends_with(".sql.gz")) {
        return InitFileKind::sql_gz;
    }
    if (name.ends_with(".sql.xz")) {
        return InitFileKind::sql_xz;
    }
    if (name.ends_with(".sql.zst")) {
        return InitFileKind::sql_zst;
    }
    return InitFileKind::ignored;
}

std::vector<std::string> sort_like_the_shell(std::vector<std::string> names,
                                             const Environment& environment) {
    const auto name = collation_locale(environment);
    locale_t locale = name ? ::newlocale(LC_COLLATE_MASK, name->c_str(), nullptr) : nullptr;
    std::sort(names.begin(), names.end(), [locale](const std::string& a, const std::string& b) {
        if (locale != nullptr) {
            if (const int order = ::strcoll_l(a.c_str(), b.c_str(), locale); order != 0) {
                return order < 0;
            }
        }
        return a < b;
    });
    if (locale != nullptr) {
        ::freelocale(locale);
    }
    return names;
}

Result<std::vector<InitFile>> list_init_files(const std::vector<std::string>& directories,
                                              const Environment& environment) {
    std::vector<InitFile> files;
    for (const auto& directory : directories) {
        if (!path_exists(directory)) {
            continue;
        }
        auto names = directory_names(directory);
        if (!names) {
            return Unexpected{names.error()};
        }
        for (const auto& name : sort_like_the_shell(std::move(*names), environment)) {
            const std::string path = directory + "/" + name;
            auto kind = is_directory(path) ? InitFileKind::ignored : kind_of(name);
            files.push_back({path, kind, ::access(path.c_str(), X_OK) == 0});
        }
    }
    return files;
}

} // namespace pgfit::initdb
