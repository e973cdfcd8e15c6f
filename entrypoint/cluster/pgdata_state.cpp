#include "cluster/pgdata_state.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "util/fd.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace pgfit::cluster {

namespace {

namespace fs = std::filesystem;

bool ignored_entry(const std::string& name) {
    return name == "lost+found" || name.starts_with(k_aside_prefix);
}

Result<std::vector<std::string>> entries(const std::string& directory) {
    std::vector<std::string> names;
    std::error_code error;
    fs::directory_iterator it(directory, error);
    if (error) {
        return Unexpected{Error{
            directory, fmt::format("cannot list directory: {}", error.message()), error.value()}};
    }
    for (const auto& entry : it) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<void> fsync_directory(const std::string& directory) {
    UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() || ::fsync(fd.get()) != 0) {
        return fail(directory, "cannot fsync directory: {}", std::strerror(errno));
    }
    return {};
}

Result<void> rename_entry(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        return fail(from, "cannot move to '{}': {}", to, std::strerror(errno));
    }
    return {};
}

} // namespace

std::string utc_stamp(bool compact) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

Result<PgdataInspection> inspect_pgdata(const std::string& pgdata) {
    if (!path_exists(pgdata)) {
        return PgdataInspection{PgdataState::empty, ""};
    }
    struct stat version {};
    const bool has_version = ::stat((pgdata + "/PG_VERSION").c_str(), &version) == 0 &&
                             S_ISREG(version.st_mode) && version.st_size > 0;
    const std::string marker_path = pgdata + "/" + k_marker_name;
    std::optional<std::string> marker;
    if (path_exists(marker_path)) {
        auto content = read_file(marker_path);
        marker = content ? *content : std::string("(unreadable: ") + content.error().message + ")";
    }
    if (marker) {
        const bool complete = marker->starts_with("state=complete\n");
        const bool in_progress = marker->starts_with("state=in-progress\n");
        if (has_version) {
            return PgdataInspection{complete ? PgdataState::initialized
                                             : PgdataState::half_initialized,
                                    std::string(trim(*marker))};
        }
        if (in_progress) {
            return PgdataInspection{PgdataState::interrupted_early, std::string(trim(*marker))};
        }
        return PgdataInspection{PgdataState::not_empty, k_marker_name};
    }
    if (has_version) {
        return PgdataInspection{PgdataState::foreign, ""};
    }
    PGFIT_TRY_ASSIGN(auto names, entries(pgdata));
    for (const auto& name : names) {
        if (!ignored_entry(name)) {
            return PgdataInspection{PgdataState::not_empty, name};
        }
    }
    return PgdataInspection{PgdataState::empty, ""};
}

Result<void> write_init_marker(const std::string& pgdata, std::string_view state,
                               std::string_view detail) {
    const std::string content = fmt::format("state={}\n{}", state, detail);
    return write_file_atomic(pgdata + "/" + k_marker_name, content, 0600);
}

Result<std::string> move_aside(const std::string& pgdata) {
    const std::string aside = pgdata + "/" + k_aside_prefix + utc_stamp(true);
    if (::mkdir(aside.c_str(), 0700) != 0) {
        return fail(aside, "cannot create directory: {}", std::strerror(errno));
    }
    PGFIT_TRY_ASSIGN(auto names, entries(pgdata));
    for (const auto& name : names) {
        if (!ignored_entry(name)) {
            PGFIT_TRY(rename_entry(pgdata + "/" + name, aside + "/" + name));
        }
    }
    PGFIT_TRY(fsync_directory(aside));
    PGFIT_TRY(fsync_directory(pgdata));
    return aside;
}

Result<void> remove_contents(const std::string& pgdata) {
    PGFIT_TRY_ASSIGN(auto names, entries(pgdata));
    for (const auto& name : names) {
        if (ignored_entry(name)) {
            continue;
        }
        std::error_code error;
        fs::remove_all(pgdata + "/" + name, error);
        if (error) {
            return fail(pgdata + "/" + name, "cannot remove: {}", error.message());
        }
    }
    return fsync_directory(pgdata);
}

Result<void> remove_entries(const std::string& directory,
                            const std::function<bool(const std::string&)>& doomed) {
    PGFIT_TRY_ASSIGN(auto names, entries(directory));
    std::erase_if(names, [&](const std::string& name) { return !doomed(name); });
    std::stable_partition(names.begin(), names.end(),
                          [](const std::string& name) { return name == "PG_VERSION"; });
    for (const auto& name : names) {
        std::error_code error;
        fs::remove_all(directory + "/" + name, error);
        if (error) {
            return fail(directory + "/" + name, "cannot remove: {}", error.message());
        }
    }
    return {};
}

Result<void> move_staging_into_place(const std::string& staging, const std::string& pgdata) {
    PGFIT_TRY_ASSIGN(auto names, entries(staging));
    // PG_VERSION last: while it is missing, PGDATA does not look like a cluster to anyone.
    std::stable_partition(names.begin(), names.end(),
                          [](const std::string& name) { return name != "PG_VERSION"; });
    for (const auto& name : names) {
        PGFIT_TRY(rename_entry(staging + "/" + name, pgdata + "/" + name));
    }
    if (::rmdir(staging.c_str()) != 0) {
        return fail(staging, "cannot remove directory: {}", std::strerror(errno));
    }
    return {}; // synced with the rest of PGDATA at the end of the first start
}

} // namespace pgfit::cluster
