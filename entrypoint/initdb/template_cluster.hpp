// The image's template cluster: initdb run once when the image is built (`pgfit template`, into
// PGFIT_CACHE_DIR/template), and copied by a first start whose initdb would have had the same
// inputs, instead of running initdb again (1.2-1.5 s of a 2 s first start, in the image).
//
// The same inputs, written down as the template's recipe: the initdb binary, initdb_options'
// words (POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR, the checksum choice), the locale and time
// zone variables and what /etc/localtime is. The superuser's name and password are not in it:
// the template's superuser is `postgres` without a password, renamed to POSTGRES_USER and given
// POSTGRES_PASSWORD on the temporary server (adopt_template_superuser). Any other difference, a
// missing template or PGFIT_INIT_TEMPLATE=false, and initdb runs as before; so it does, after a
// warning, when the copy fails (a user that cannot read the template, a failed pg_resetwal).
//
// A copy is made a cluster of its own before anything starts it: a new system identifier and
// mock authentication nonce in pg_control (initdb/control_identity.hpp), then pg_resetwal, which
// writes its first WAL segment (the template keeps none) under that identifier.
//
// Layout of the template directory: cluster/ (initdb's output without WAL), recipe,
// control-layout. It is written beside as template.tmp and renamed into place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/bootstrap_settings.hpp"
#include "initdb/initdb.hpp"
#include "psql/sql_session.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

inline constexpr const char* k_template_superuser = "postgres";

// PGFIT_CACHE_DIR/template.
std::string template_directory(const std::string& cache_directory);

// The recipe's text: one line per input, in a fixed order (compared as a whole).
std::string template_recipe(const std::string& initdb_path, const std::vector<std::string>& words,
                            const Environment& environment, std::string_view localtime);

// What /etc/localtime is (its link target, else its size and CRC), for the recipe: initdb
// takes the time zone from it when TZ is unset.
std::string localtime_fingerprint();

// `pgfit template`: initdb with `settings` (the superuser k_template_superuser, no password)
// into `directory`, which it replaces (as run.identity when set: pgfit is root).
supervise::Step build_template(supervise::Supervisor& supervisor,
                               const config::BootstrapSettings& settings, const InitdbRun& run,
                               const std::string& directory);

// On a first start: when `directory` holds a template whose recipe is this start's, copies it
// into `into` (which must not exist), gives it its own identity and runs pg_resetwal; `copied`
// says whether it did (a failed copy is removed again). Logs why initdb runs instead, when a
// template exists. Stopped when a stop signal ended pg_resetwal.
supervise::Step copy_template(supervise::Supervisor& supervisor,
                              const config::BootstrapSettings& settings, const InitdbRun& run,
                              const std::string& directory, const std::string& into, bool& copied);

// On the temporary server of a copied cluster, in a quiet session (psql/quiet_session.hpp) as
// k_template_superuser: the bootstrap superuser renamed to POSTGRES_USER and given
// POSTGRES_PASSWORD's SCRAM verifier, as initdb --username --pwfile would have made it.
Result<void> adopt_template_superuser(psql::SqlSession& session,
                                      const config::BootstrapSettings& settings);

} // namespace pgfit::initdb
