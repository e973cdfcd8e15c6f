// A one-entry file cache for answers that cost a run of postgres (its version, its catalog).
// Line 1 of a cache file is the key, the rest is the value; a key that does not match is a
// miss. Keys include the fingerprint of every file the answer depends on, so a changed binary
// invalidates them. Writing is best effort.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgfit::server {

// `path size mtime-in-ns`, or `path missing`.
std::string file_fingerprint(const std::string& path);

// The value stored under `key` in `file`, or nullopt.
std::optional<std::string> cache_lookup(const std::string& file, const std::string& key);

// Stores `value` under `key` in `file` (creating its directory); failures become a note.
void cache_store(const std::string& file, const std::string& key, const std::string& value,
                 std::vector<std::string>& notes);

} // namespace pgfit::server
