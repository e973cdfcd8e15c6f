// The temporary server of the first start: postgres as pgfit's direct child (not pg_ctl) with
// the tuned flags and the operator's arguments, then `-c listen_addresses=` (no TCP at all),
// `-c unix_socket_directories=<private directory>` (mode 0700: clients in the container cannot
// connect during init, pg_isready stays red), `-c fsync=off` (PGDATA is synced once after it
// stops), no autovacuum and no logical replication launcher (the real server's work; fewer
// processes to stop), and `-p PGPORT`, so the socket is named as scripts expect. NOTIFY_SOCKET is
// removed (no early READY=1). Its log goes where pgfit's goes, so "database system is ready to
// accept connections" appears for it and again for the real server. Ready means: postmaster.pid
// names this process and its status line says "ready".
#pragma once

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::initdb {

struct TempServerOptions {
    std::string bindir;
    std::string pgdata;
    std::vector<std::string> server_args; // tuned -c flags, then the operator's arguments
    std::string socket_dir;               // private, created by the caller
    int port = 5432;
    Environment environment; // no secrets
};

struct TempServer {
    pid_t pid = 0;
    std::string socket_dir;
    int port = 5432;
};

// A private (0700) directory for the temporary server's socket and pgfit's own files of the
// moment (the password file, the init scripts' files): in `socket_directory`, else in TMPDIR or
// /tmp, wherever "<dir>/pgfit-init.XXXXXX/.s.PGSQL.65535" fits a socket address.
Result<std::string> make_private_dir(const std::string& socket_directory,
                                     const Environment& environment);

// Removes the directory and all it holds when it goes out of scope.
struct PrivateDir {
    std::string path;
    PrivateDir() = default;
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;
    ~PrivateDir();
};

// Starts the server and waits until it is ready. Outcomes: done (server filled in); failed (it
// exited first: its log says why); stopped (it was fast-stopped again).
supervise::Step start_temp_server(supervise::Supervisor& supervisor,
                                  const TempServerOptions& options, TempServer& server);

// Fast shutdown, escalating after `timeout` per step. Failed when it did not exit cleanly.
supervise::Step stop_temp_server(supervise::Supervisor& supervisor, TempServer& server,
                                 std::chrono::milliseconds timeout);

} // namespace pgfit::initdb
