#include <cstdio>
#include <cstdlib>

#include "cli/commands.hpp"
#include "supervise/signals.hpp"

int main(int argc, char** argv) {
    // Before anything else, so a stop signal that arrives during start-up waits for the
    // supervisor instead of killing PID 1's work half-way.
    const auto saved = pgfit::supervise::block_async_signals();
    const int code = pgfit::cli::dispatch(argc, argv, saved);
#if defined(__SANITIZE_ADDRESS__)
    return code; // the leak check runs at exit
#else
    // What pgfit writes is out once stdio is flushed, and the kernel frees the rest. The exit
    // handlers skipped here (OpenSSL's cleanup, loaded with libpq on a first start, faults in
    // about a hundred pages) would delay the end of a container's `docker stop` by milliseconds.
    std::fflush(nullptr);
    std::_Exit(code);
#endif
}
