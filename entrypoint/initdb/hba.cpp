#include "initdb/hba.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "util/fd.hpp"

namespace pgfit::initdb {

std::string hba_quote(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

Result<std::string> render_hba_lines(std::string_view method,
                                     const std::optional<ReplicationAccess>& replication) {
    std::string text = "\n";
    if (replication) {
        const auto& network = replication->network;
        if (network.empty() || network.find_first_of(" \t\r\n\"#") != std::string::npos) {
            return fail("POSTGRES_REPLICATION_NETWORK",
                        "'{}' is not one pg_hba.conf address; expected samenet, samehost, all, "
                        "a CIDR such as 10.0.0.0/8 or a host name",
                        network);
        }
        text += fmt::format("host replication {} {} scram-sha-256\n", hba_quote(replication->user),
                            network);
    }
    if (method == "trust") {
        text += "# warning trust is enabled for all connections\n"
                "# see https://www.postgresql.org/docs/current/auth-trust.html\n";
    }
    text += fmt::format("host all all all {}\n", method);
    return text;
}

Result<void> append_to_file(const std::string& path, std::string_view text) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    if (!fd.valid()) {
        return fail(path, "cannot open for appending: {}", std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return fail(path, "cannot write: {}", std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

} // namespace pgfit::initdb
