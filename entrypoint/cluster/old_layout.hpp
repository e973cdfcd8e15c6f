// PostgreSQL 18 images keep PGDATA in /var/lib/postgresql/<major>/docker under one volume at
// /var/lib/postgresql (13-17: /var/lib/postgresql/data). An 18+ image started on an old volume
// would initialise a new, empty cluster beside the user's data and look healthy, so a first
// start refuses instead while a cluster of the old layout is within reach.
#pragma once

#include <string>
#include <vector>

#include "util/result.hpp"

namespace pgfit::cluster {

inline constexpr const char* k_image_data_root = "/var/lib/postgresql";

// Where a cluster of an older layout (or an unused old mount) is visible while PGDATA is
// `<root>/<major>/docker` and holds no cluster yet: `<root>`, `<root>/data`, `<root>/*/docker`
// and `<root>/data/*/docker` with a non-empty PG_VERSION, and `<root>/data` itself when it is
// one of `mount_points` but holds none. Empty for majors before 18, for any other PGDATA and
// when PGDATA holds a cluster.
std::vector<std::string> old_layout_clusters(const std::string& pgdata, unsigned major,
                                             const std::string& root,
                                             const std::vector<std::string>& mount_points);

// Fails (exit 1, nothing touched) naming what old_layout_clusters found for the image root,
// with the mount points of /proc/self/mountinfo.
Result<void> refuse_old_layout(const std::string& pgdata, unsigned major);

} // namespace pgfit::cluster
