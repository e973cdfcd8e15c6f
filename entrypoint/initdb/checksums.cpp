#include "initdb/checksums.hpp"

#include <algorithm>

namespace pgfit::initdb {

namespace {

constexpr unsigned k_checksums_by_default = 18; // initdb's default and --no-data-checksums
constexpr const char* k_on = "--data-checksums";
constexpr const char* k_off = "--no-data-checksums";

bool chooses_checksums(const std::string& word) {
    return word == "-k" || word == k_on || word == k_off;
}

} // namespace

ChecksumChoice choose_checksums(const std::vector<std::string>& initdb_args, bool data_checksums,
                                unsigned major) {
    ChecksumChoice choice{initdb_args, data_checksums, ""};
    // initdb takes the last word that chooses.
    const auto last = std::find_if(initdb_args.rbegin(), initdb_args.rend(), chooses_checksums);
    if (last != initdb_args.rend()) {
        choice.enabled = *last != k_off;
        choice.reason = "as POSTGRES_INITDB_ARGS says (" + *last + ")";
        if (major < k_checksums_by_default && !choice.enabled) {
            std::erase_if(choice.initdb_args, chooses_checksums);
        }
        return choice;
    }
    if (data_checksums) {
        choice.initdb_args.emplace_back(k_on);
        choice.reason = "pgfit's default (PGFIT_DATA_CHECKSUMS=off turns them off)";
    } else {
        if (major >= k_checksums_by_default) {
            choice.initdb_args.emplace_back(k_off);
        }
        choice.reason = "PGFIT_DATA_CHECKSUMS=off";
    }
    return choice;
}

} // namespace pgfit::initdb
