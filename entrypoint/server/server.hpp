// What pgfit learns from the PostgreSQL server installed beside it: the binary, its major
// version, the preloadable extensions in its library directory and its catalog of settings.
// Every question runs the binary (under the supervisor, with supervise/run_captured.hpp) or
// reads its files; answers that need postgres to run are cached (see server/cache.hpp), and the
// image fills that cache when it is built, so a container start runs no postgres before the
// server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "supervise/supervisor.hpp"
#include "tune/catalog.hpp"
#include "tune/plan.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"
#include "util/sourced.hpp"

namespace pgfit::server {

// `postgres` on the PATH of `environment` (Docker's default PATH when it has none) with symbolic
// links resolved, else the newest `<root>/*/bin/postgres` by version (`9.6` < `13`; Debian and
// PGDG install each major under /usr/lib/postgresql/<major>). The one lookup for both `pgfit
// plan` and the container start. Error: neither exists.
Result<std::string> find_postgres_binary(const Environment& environment,
                                         const std::string& root = "/usr/lib/postgresql");

// The directory of the server binary, which holds initdb, pg_ctl, pg_basebackup.
std::string bindir_of(const std::string& binary);

// The major version from `postgres --version` output ("postgres (PostgreSQL) 15.20 (Debian
// ...)" -> 15); nullopt when the text has no version.
std::optional<unsigned> parse_postgres_version(std::string_view text);

// Runs `binary --version` (cached in `cache_dir`, keyed by the binary's path, size and
// mtime). Error: where = the binary.
Result<unsigned> postgres_major(supervise::Supervisor& supervisor, const std::string& binary,
                                const std::string& cache_dir, std::vector<std::string>& notes);

// The server's library directory for `binary` as find_postgres_binary gives it (links
// resolved): <bindir>/../lib when it holds plpgsql.so, else `pg_config --pkglibdir` (pg_config
// beside the binary, then on PATH); "" when unknown.
std::string server_pkglibdir(supervise::Supervisor& supervisor, const std::string& binary,
                             const Environment& environment);

// The libraries of `candidates` whose <pkglibdir>/<name>.so exists, in the candidates' order.
std::vector<std::string> available_libraries(const std::string& pkglibdir,
                                             const std::vector<std::string>& candidates);

// The server's catalog (tune/catalog.hpp), from the cache in `cache_dir` or by running `binary
// --describe-config` (and then caching the lines the catalog is made of). nullopt, with a note in
// `notes`, when it cannot be had.
std::optional<tune::Catalog> server_catalog(supervise::Supervisor& supervisor,
                                            const std::string& binary, const std::string& cache_dir,
                                            std::vector<std::string>& notes);

} // namespace pgfit::server
