// Data checksums at initdb: on by default on every major (PostgreSQL 18's own default; 13-17
// need `--data-checksums`), off with PGFIT_DATA_CHECKSUMS=off. Words of POSTGRES_INITDB_ARGS
// that choose (`-k`, `--data-checksums`, `--no-data-checksums`) decide instead; before 18,
// whose initdb does not know `--no-data-checksums`, that word is dropped (off is the default).
#pragma once

#include <string>
#include <vector>

namespace pgfit::initdb {

struct ChecksumChoice {
    std::vector<std::string> initdb_args; // POSTGRES_INITDB_ARGS's words, plus pgfit's choice
    bool enabled = true;
    std::string reason; // for the log line
};

ChecksumChoice choose_checksums(const std::vector<std::string>& initdb_args, bool data_checksums,
                                unsigned major);

} // namespace pgfit::initdb
