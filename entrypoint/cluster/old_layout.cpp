#include "cluster/old_layout.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/ranges.h>

#include "detect/mountinfo.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::cluster {

namespace {

constexpr unsigned k_first_versioned_major = 18;
constexpr std::string_view k_unused_mount = " (a mount without a cluster)";

bool holds_cluster(const std::filesystem::path& dir) {
    std::error_code error;
    return std::filesystem::file_size(dir / "PG_VERSION", error) > 0 && !error;
}

// `<dir>/*/docker` that hold a cluster, sorted.
std::vector<std::string> versioned_clusters(const std::filesystem::path& dir) {
    std::vector<std::string> found;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        if (holds_cluster(entry.path() / "docker")) {
            found.push_back((entry.path() / "docker").string());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<std::string> mount_points() {
    std::vector<std::string> points;
    if (const auto text = read_file("/proc/self/mountinfo")) {
        for (auto& mount : detect::parse_mountinfo(*text, "/proc/self/mountinfo").mounts) {
            points.push_back(std::move(mount.mount_point));
        }
    }
    return points;
}

} // namespace

std::vector<std::string> old_layout_clusters(const std::string& pgdata, unsigned major,
                                             const std::string& root,
                                             const std::vector<std::string>& mount_points) {
    const std::filesystem::path base(root);
    const auto versioned = base / std::to_string(major) / "docker";
    if (major < k_first_versioned_major || pgdata != versioned.string() || holds_cluster(pgdata)) {
        return {};
    }
    std::vector<std::string> found;
    const auto old_data = base / "data";
    for (const auto& dir : {base, old_data}) {
        if (holds_cluster(dir)) {
            found.push_back(dir.string());
        }
    }
    for (const auto& dir : {base, old_data}) {
        for (auto& cluster : versioned_clusters(dir)) {
            if (cluster != pgdata) {
                found.push_back(std::move(cluster));
            }
        }
    }
    const bool old_data_mounted = std::find(mount_points.begin(), mount_points.end(),
                                            old_data.string()) != mount_points.end();
    if (found.empty() && old_data_mounted) {
        found.push_back(old_data.string() + std::string(k_unused_mount));
    }
    return found;
}

Result<void> refuse_old_layout(const std::string& pgdata, unsigned major) {
    if (holds_cluster(pgdata)) {
        return {}; // every start but the first: no need for the mount table
    }
    const auto found = old_layout_clusters(pgdata, major, k_image_data_root, mount_points());
    if (found.empty()) {
        return {};
    }
    log::error("this is a PostgreSQL {} image: it keeps its cluster in PGDATA={} and expects one "
               "volume mounted at {} (not at {}/data, where images before 18 kept it). PGDATA "
               "is empty, but there is PostgreSQL data or a mount of the old layout at: {}. "
               "Starting would create a new, empty cluster and leave that data unused, so pgfit "
               "stops without touching anything",
               major, pgdata, k_image_data_root, k_image_data_root, fmt::join(found, ", "));
    if (found.size() == 1 && found.front().ends_with(k_unused_mount)) {
        return fail("", "mount the volume at {} instead; if it should hold a cluster of an "
                        "older image, it is not in that mount",
                    k_image_data_root);
    }
    return fail("", "to keep running the old cluster, use the image of its major (see its "
                    "PG_VERSION); to move it to {}, upgrade it with pg_upgrade into {} (both "
                    "under one mount at {}, so `pg_upgrade --link` works), or dump and restore "
                    "it; then mount the volume at {} only",
                major, pgdata, k_image_data_root, k_image_data_root);
}

} // namespace pgfit::cluster
