// Starting programs: PATH lookup in the child's own environment, a clean child state, exec. Through
// posix_spawn when it can; else, and whenever that fails, fork with a close-on-exec pipe through
// which a failed child tells pgfit why, so the log says exactly what went wrong while the child
// still exits like a shell would (127 / 126).
#pragma once

#include <string>
#include <sys/types.h>

#include "supervise/supervisor.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace pgfit::supervise {

inline constexpr int k_exit_setup_failed = 1;     // working directory or redirection failed
inline constexpr int k_exit_not_executable = 126; // found but exec failed (EACCES, ...)
inline constexpr int k_exit_not_found = 127;      // not in PATH, or the path does not exist

// Docker's default PATH, used when the child's environment has none.
inline constexpr const char* k_default_path =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Where `name` resolves. With a '/' it is taken as is (exec decides). Otherwise the first regular
// file in `environment`'s PATH that this process may execute; when only non-executable files
// match, the first of them with error = EACCES; when nothing matches, an empty path with
// error = ENOENT.
struct ResolvedCommand {
    std::string path;
    int error = 0;
};
ResolvedCommand resolve_command(const std::string& name, const Environment& environment);

// 127 for ENOENT/ENOTDIR, 126 for any other exec error (bash's convention).
int exit_code_for_exec_error(int error);

// Forks, prepares the child (see Supervisor::spawn) and execs. Returns once the child has
// exec'ed or failed; a failure is logged here and the child exits with the code above.
Result<pid_t> spawn_process(const ChildSpec& spec);

// Replaces pgfit by `spec` with the same clean state as a spawned child (PGFIT_EXEC=true).
// Returns only when that failed; sys_errno then tells the exit code.
Error exec_process(const ChildSpec& spec);

} // namespace pgfit::supervise
