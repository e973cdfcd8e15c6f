// The supervisor's private state, shared by the files that implement its parts (the event
// loop, the server's stop sequence, leftovers). Not for use outside supervise/.
#pragma once

#include <map>
#include <optional>
#include <set>

#include "supervise/stop_sequence.hpp"
#include "supervise/supervisor.hpp"
#include "util/fd.hpp"

namespace pgfit::supervise {

// The reaper's periodic tick: catches a SIGCHLD that was lost or coalesced (tini uses 1 s).
inline constexpr std::chrono::seconds k_reap_tick{1};
// How long leftovers get between SIGTERM and SIGKILL once the main child has exited.
inline constexpr std::chrono::seconds k_leftover_grace{2};

struct Supervisor::State {
    UniqueFd signal_fd;
    bool pid1 = false;
    std::set<pid_t> running;           // spawned, not reaped yet
    std::map<pid_t, ChildExit> exited; // spawned, reaped, not yet handed to a caller
    int first_stop_signal = 0;

    // Collects every exited child; orphans are logged and forgotten.
    void reap();
    std::optional<ChildExit> take_exit(pid_t pid);
    // The next signal from the signalfd, or nullopt once `deadline` has passed.
    std::optional<int> next_signal(Clock::time_point deadline);
    void note_stop(int signal);

    // Sends the step's signal to postmaster, logging why.
    void send_stop_step(pid_t postmaster, StopStep step);
    // Waits for postmaster to exit, walking `sequence` on deadlines and further stop signals.
    ChildExit wait_stopped(pid_t postmaster, StopSequence& sequence, const StopPolicy& policy);
    // TERM, then KILL after k_leftover_grace, to whatever is left once the main child exited:
    // kill(-1) when PID 1, else each of pgfit's descendants.
    void stop_leftovers();
};

} // namespace pgfit::supervise
