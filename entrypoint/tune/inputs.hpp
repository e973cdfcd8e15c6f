// Everything the tuner decides from: the resources, the operator's choices and the server's
// facts (catalog, preload libraries), each input with where it came from. Filling it is the
// config stage's job (all the I/O); the tuner only reads it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tune/catalog.hpp"
#include "tune/coefficients.hpp"
#include "util/bytes.hpp"
#include "util/sourced.hpp"

namespace pgfit::tune {

inline constexpr unsigned k_oldest_major = 13;
inline constexpr unsigned k_newest_major = 18;
// The preload library whose scheduler is a background worker of its own.
inline constexpr std::string_view k_cron_library = "pg_cron";

struct Inputs {
    Sourced<Bytes> memory;
    Sourced<unsigned> cpus;
    Sourced<Profile> profile;
    Sourced<Storage> storage;
    Sourced<unsigned> pg_major;
    // Set by the operator: used as is, work_mem shrinks to make room.
    std::optional<Sourced<unsigned>> max_connections;

    std::optional<Bytes> shm;          // size of /dev/shm; nullopt when unknown
    bool huge_pages_available = false; // huge pages this container may use

    // Libraries to preload, in order, with where the list came from.
    Sourced<std::vector<std::string>> preload_libraries;
    Sourced<std::string> cron_database; // cron.database_name, used when pg_cron is preloaded
    Sourced<bool> replication;          // a primary or a replica of streaming replication

    Coefficients coefficients;
    // The server's own list of settings and bounds; nullopt means the built-in table.
    std::optional<Catalog> catalog;
};

} // namespace pgfit::tune
