// A postmaster.pid left by an earlier container. PIDs restart from 1 in a new
// container, so the PID in a stale file often belongs to a live process of ours; postgres then
// refuses to start ("lock file already exists") unless that PID is its own, its parent's or
// PG_GRANDPARENT_PID. pgfit does not delete the file (postgres still needs it to check that no
// backend of the old server holds the old shared memory); it names the PID in
// PG_GRANDPARENT_PID when it is provably not a postmaster of this PGDATA: the process is alive,
// signalable by us, and its working directory (a postmaster's is its data directory) is not
// PGDATA. Outcomes:
// - absent: no file;                      - unreadable: no PID on line 1 (postgres decides);
// - not_running: the PID does not exist;  - other_user: we may not signal it (postgres ignores it);
// - this_pgdata: it works in PGDATA: maybe a live server, leave it to postgres;
// - stale: alive, ours, elsewhere → use `pid` as PG_GRANDPARENT_PID.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>

namespace pgfit::cluster {

enum class PidfileVerdict { absent, unreadable, not_running, other_user, this_pgdata, stale };

struct PidfileCheck {
    PidfileVerdict verdict = PidfileVerdict::absent;
    pid_t pid = 0;
};

PidfileCheck check_postmaster_pid(const std::string& pgdata);

// The PID PGDATA/postmaster.pid names when its status line (8) says "ready": the server accepts
// connections (a hot standby's, read-only ones).
std::optional<pid_t> ready_postmaster(const std::string& pgdata);

} // namespace pgfit::cluster
