#include "cli/commands.hpp"
#include "supervise/signals.hpp"

int main(int argc, char** argv) {
    // Before anything else, so a stop signal that arrives during start-up waits for the
    // supervisor instead of killing PID 1's work half-way.
    const auto saved = pgfit::supervise::block_async_signals();
    return pgfit::cli::dispatch(argc, argv, saved);
}
