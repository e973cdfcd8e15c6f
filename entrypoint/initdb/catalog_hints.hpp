// Sets the hint bits of the catalog rows a temporary server's statements left, while that server
// is still up. A committed row carries no "committed" hint until a later reader sets it; on a
// cluster with data checksums the first reader that does so after a checkpoint logs the whole
// page (FPI_FOR_HINT) and dirties it. Left to the real server, every first login, which reads the
// rows the init scripts and role changes wrote (relcache build, authentication), logged four such
// pages, and its first shutdown checkpoint wrote and synced them. Here the pages are still dirty
// from those statements, so the temporary server's own shutdown checkpoint writes them anyway.
#pragma once

#include "psql/sql_session.hpp"

namespace pgfit::initdb {

// Reads, by sequential scan, the shared catalogs a login reads and, in every database that
// accepts connections, the catalogs a new backend's relation cache is built from. `server`: a
// superuser session's target on the temporary server; its database is one of them. Only an
// optimisation: a failure is logged as a warning.
void set_catalog_hint_bits(const psql::ConnectionTarget& server);

} // namespace pgfit::initdb
