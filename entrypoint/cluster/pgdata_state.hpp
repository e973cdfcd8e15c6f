// What PGDATA holds, decided from files only, and pgfit's init marker `PGDATA/pgfit-init.state`.
// pgfit writes the marker with `state=in-progress` into the still-empty PGDATA before initdb
// (initdb itself runs into a staging subdirectory, whose content is then moved up, PG_VERSION
// last) and rewrites it with `state=complete` once everything succeeded. So:
// - no PG_VERSION, no marker, nothing but lost+found       → empty: first start;
// - no PG_VERSION, no marker, other files                  → not_empty: refuse, like initdb;
// - no PG_VERSION, marker in-progress                      → interrupted_early: pgfit's own
//   leftovers from before the cluster existed; cleaned up and initialised again;
// - PG_VERSION, marker in-progress (or unreadable)         → half_initialized: refuse, or move
//   aside with PGFIT_REINIT_INCOMPLETE=true;
// - PG_VERSION, marker complete                            → initialized;
// - PG_VERSION, no marker                                  → foreign: made by something else
//   (the official image, pg_basebackup, an older pgfit); it starts as it is.
// Directories `pgfit-incomplete-*` (earlier move-asides) and `lost+found` are ignored.
#pragma once

#include <functional>
#include <string>

#include "util/result.hpp"

namespace pgfit::cluster {

inline constexpr const char* k_marker_name = "pgfit-init.state";
inline constexpr const char* k_staging_name = "pgfit-initdb.tmp";
inline constexpr const char* k_aside_prefix = "pgfit-incomplete-";

enum class PgdataState {
    empty,
    not_empty,
    interrupted_early,
    half_initialized,
    initialized,
    foreign
};

struct PgdataInspection {
    PgdataState state = PgdataState::empty;
    std::string evidence; // for messages: the marker's content, or the first unexpected entry
};

// PGDATA that does not exist counts as empty.
Result<PgdataInspection> inspect_pgdata(const std::string& pgdata);

// Writes the marker atomically (fsynced file and directory). `state` is "in-progress" or
// "complete"; `detail` lines (key=value) follow it.
Result<void> write_init_marker(const std::string& pgdata, std::string_view state,
                               std::string_view detail);

// Moves every entry of PGDATA (but lost+found and earlier move-asides) into a new directory
// PGDATA/pgfit-incomplete-<UTC timestamp>, which is returned. PGDATA itself stays, since it is
// often a mount point.
Result<std::string> move_aside(const std::string& pgdata);

// Removes every entry of PGDATA but lost+found and earlier move-asides.
Result<void> remove_contents(const std::string& pgdata);

// Removes the entries of `directory` whose name `doomed` accepts, PG_VERSION first: from the
// first removal on, the directory no longer looks like a cluster.
Result<void> remove_entries(const std::string& directory,
                            const std::function<bool(const std::string&)>& doomed);

// Renames every entry of `staging` into `pgdata`, PG_VERSION last, and removes `staging`
// (no fsync here: PGDATA is synced once at the end of the first start).
Result<void> move_staging_into_place(const std::string& staging, const std::string& pgdata);

// The UTC time as 20261122T001259Z (file names) or 2026-11-22T00:12:59Z (marker lines).
std::string utc_stamp(bool compact);

} // namespace pgfit::cluster
