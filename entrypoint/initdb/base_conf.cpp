#include "initdb/base_conf.hpp"

#include "util/file.hpp"

namespace pgfit::initdb {

std::string_view builtin_base_conf() {
    return R"(# pgfit: static settings appended to postgresql.conf when a cluster is initialised.
# They stand in for the official image's edited postgresql.conf.sample. Tuned values are not
# here: pgfit passes those as -c flags on every start.
listen_addresses = '*'
)";
}

Result<std::string> load_base_conf(const std::string& path) {
    if (!path_exists(path)) {
        return std::string(builtin_base_conf());
    }
    return read_file(path);
}

} // namespace pgfit::initdb
