#include "util/fd.hpp"

#include <cerrno>

namespace pgfit {

std::string read_all(int fd) {
    std::string text;
    char buffer[8192];
    while (true) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            text.append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            return text;
        }
    }
}

} // namespace pgfit
