#include "collation/library_key.hpp"

#include <gnu/libc-version.h>
#include <sys/stat.h>

#include <fmt/format.h>

namespace pgfit::collation {

std::string library_key(const std::string& postgres_binary) {
    struct stat status {};
    if (::stat(postgres_binary.c_str(), &status) != 0) {
        return fmt::format("glibc {}; {} unknown", ::gnu_get_libc_version(), postgres_binary);
    }
    return fmt::format("glibc {}; {} {} {}", ::gnu_get_libc_version(), postgres_binary,
                       status.st_size, status.st_mtim.tv_sec);
}

} // namespace pgfit::collation
