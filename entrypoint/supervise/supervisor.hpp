// pgfit as PID 1 (or as a child subreaper when it is not): spawns children with a clean state,
// reaps every child (adopted orphans included), collects signals from a signalfd, and stops the
// server step by step. Every signal path is explicit; nothing runs in a signal handler.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "supervise/signals.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::supervise {

struct ChildSpec {
    std::vector<std::string> argv; // argv[0] without '/' is looked up in the PATH of `environment`
    Environment environment;
    std::string working_directory; // empty: inherit
    // Descriptors to put on the child's stdin/stdout/stderr; -1 inherits pgfit's own. The
    // caller keeps ownership (they are dup2'ed in the child).
    int stdin_fd = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;
    // The user and group the child runs as (no supplementary groups); pgfit must be root.
    // nullopt: pgfit's own.
    struct Identity {
        uid_t uid;
        gid_t gid;
    };
    std::optional<Identity> identity = std::nullopt;
};

// How a child ended, in shell terms.
struct ChildExit {
    pid_t pid = 0;
    int status = 0; // raw waitpid status

    bool signaled() const;
    int signal() const;    // the terminating signal, 0 when it exited
    int exit_code() const; // WEXITSTATUS, or 128 + signal
};

// Why `wait_for` returned.
struct Waited {
    enum class Why { exited, stop_requested, condition_met, timed_out };
    Why why = Why::exited;
    ChildExit exit;      // when why == exited
    int stop_signal = 0; // when why == stop_requested: SIGTERM, SIGINT or SIGQUIT
};

enum class StopMode { smart, fast, immediate };

struct StopPolicy {
    std::chrono::milliseconds smart_timeout{0};   // PGFIT_SMART_TIMEOUT; 0 = no smart phase
    std::chrono::milliseconds stop_timeout{8000}; // PGFIT_STOP_TIMEOUT: fast → immediate after this
};

class Supervisor;

// Work pgfit does beside the running server (declared roles, TLS files, scheduled backups),
// called from supervise_server's loop, never from a signal handler. Either may be empty.
struct ServerCompanion {
    // SIGHUP arrived: runs before the signal is forwarded to postgres (which then reloads).
    std::function<void()> on_reload;
    // About once a second while the server runs (not once it is stopping); children it spawns
    // are reaped by the loop and handed over by take_exit.
    std::function<void(Supervisor&)> on_tick;
};

class Supervisor {
public:
    // Takes over the signals blocked in main (a signalfd); becomes a child subreaper when not
    // PID 1 (a warning when that fails: orphans then go to the real init). Children get a
    // clean signal state (see spawn), not pgfit's, so a signal blocked or ignored by whatever
    // started pgfit never reaches postgres that way.
    static Result<Supervisor> create();

    // Starts a child in its own process group (the terminal's foreground group when pgfit's
    // group held it) with an empty signal mask, default dispositions and no inherited
    // descriptors above 2. A failed exec makes the child exit 127 (not found) or 126 (not
    // executable, or any other exec error); pgfit logs why (`cannot run command '<argv[0]>':
    // <reason>`) before spawn returns. Errors: fork or pipe failed.
    Result<pid_t> spawn(const ChildSpec& spec);

    // Runs the event loop until `pid` exits, reaping every other child meanwhile. Returns early
    // when a stop signal arrives (the child is left alone: the caller decides), when
    // `condition` (checked on every tick, about every 50 ms) returns true, or after `timeout`.
    // Other signals are forwarded to `pid`'s process group. `pid` must come from spawn; an
    // exit already reaped while waiting for another child is returned at once.
    Waited wait_for(pid_t pid, const std::function<bool()>& condition = {},
                    std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    // Sends `signal` to the process group led by `pid` (ESRCH is not an error).
    void signal_group(pid_t pid, int signal);

    // Stops a postmaster the given way and waits for it, escalating to immediate and then
    // SIGKILL when it does not stop within `timeout` per step. A stop signal received meanwhile
    // moves it up one step (and is remembered: see check_stop_requested).
    ChildExit stop_server(pid_t postmaster, StopMode mode, std::chrono::milliseconds timeout);

    // Supervises the real server until it exits: forwards HUP, USR1, USR2, WINCH; a stop
    // signal starts the stop sequence of `policy` (a second one moves up one step); leftovers
    // get TERM then KILL. Returns pgfit's exit code (postmaster's, or 128 + signal).
    // `companion` runs beside it (see ServerCompanion).
    int supervise_server(pid_t postmaster, const StopPolicy& policy,
                         const ServerCompanion& companion = {});

    // The exit of a child spawned while the server runs (by a companion), once reaped;
    // nullopt while it still runs.
    std::optional<ChildExit> take_exit(pid_t pid);

    // Supervises any other program as tini would: every signal except SIGCHLD and the
    // job-control stops is forwarded to its process group, stop signals included; when it
    // exits, leftovers get TERM then KILL. Returns its exit code (or 128 + signal).
    int supervise_command(pid_t child);

    // Reads the signals already pending without waiting (reaping on SIGCHLD, dropping others)
    // and returns the first stop signal pgfit has received so far (also one consumed by
    // wait_for or stop_server), or 0. For "was a stop requested before I start the server?".
    int check_stop_requested();

    bool is_pid1() const;

    Supervisor(Supervisor&&) noexcept;
    Supervisor& operator=(Supervisor&&) noexcept;
    ~Supervisor();

private:
    struct State;
    explicit Supervisor(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace pgfit::supervise
