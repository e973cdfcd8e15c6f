#include "cli/exit_status.hpp"

#include <cstdio>

#include "supervise/spawn.hpp"
#include "util/log.hpp"

namespace pgfit::cli {

int exit_code_for(const Error& error) {
    switch (error.kind) {
    case ErrorKind::bad_input:
        return k_exit_bad_input;
    case ErrorKind::not_found:
        return supervise::k_exit_not_found;
    case ErrorKind::stopped:
        return 128 + error.signal;
    case ErrorKind::failed:
        break;
    }
    return k_exit_failed;
}

int exit_with(const Error& error) {
    if (error.verbatim) {
        std::fputs(error.message.c_str(), stderr);
        if (!error.message.ends_with('\n')) {
            std::fputc('\n', stderr);
        }
    } else {
        log::error("{}", error.to_string());
    }
    return exit_code_for(error);
}

} // namespace pgfit::cli
