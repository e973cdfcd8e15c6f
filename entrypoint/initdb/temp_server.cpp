#include "initdb/temp_server.hpp"

#include <filesystem>
#include <stdlib.h>

#include "cluster/pidfile.hpp"
#include "supervise/child_run.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::initdb {

namespace {

// "<dir>/pgfit-init.XXXXXX/.s.PGSQL.65535" must fit sun_path (108 bytes).
constexpr std::size_t k_socket_suffix = 34;
constexpr std::size_t k_sun_path = 107;

constexpr std::chrono::milliseconds k_ready_poll{5};

} // namespace

Result<std::string> make_private_dir(const std::string& socket_directory,
                                     const Environment& environment) {
    std::vector<std::string> bases = {socket_directory};
    if (const auto tmp = environment.get_non_empty("TMPDIR")) {
        bases.push_back(*tmp);
    }
    bases.push_back("/tmp");
    for (const auto& base : bases) {
        if (base.size() + k_socket_suffix > k_sun_path) {
            continue;
        }
        std::string pattern = base + "/pgfit-init.XXXXXX";
        if (::mkdtemp(pattern.data()) != nullptr) {
            return pattern;
        }
    }
    return fail(socket_directory, "cannot create a private directory for the temporary server "
                                  "here, in TMPDIR or in /tmp");
}

PrivateDir::~PrivateDir() {
    if (!path.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
}

supervise::Step start_temp_server(supervise::Supervisor& supervisor,
                                  const TempServerOptions& options, TempServer& server) {
    supervise::ChildSpec spec;
    spec.argv = {options.bindir + "/postgres", "-D", options.pgdata};
    spec.argv.insert(spec.argv.end(), options.server_args.begin(), options.server_args.end());
    // fsync=off: the first start syncs PGDATA once after this server has stopped. No
    // autovacuum or logical replication launcher: their work belongs to the real server, and
    // each is one more process the fast shutdown waits for.
    spec.argv.insert(spec.argv.end(),
                     {"-c", "listen_addresses=", "-c",
                      "unix_socket_directories=" + options.socket_dir, "-c", "fsync=off", "-c",
                      "autovacuum=off", "-c", "max_logical_replication_workers=0", "-p",
                      std::to_string(options.port)});
    spec.environment = options.environment;
    spec.environment.unset("NOTIFY_SOCKET");
    auto pid = supervisor.spawn(spec);
    if (!pid) {
        return supervise::Step::failed(pid.error());
    }
    server = TempServer{*pid, options.socket_dir, options.port};
    // Polled every few milliseconds rather than on the supervisor's 50 ms condition tick: the
    // server is usually ready within tens of milliseconds and the first start waits for it.
    for (;;) {
        const auto waited = supervisor.wait_for(*pid, {}, k_ready_poll);
        switch (waited.why) {
        case supervise::Waited::Why::timed_out:
        case supervise::Waited::Why::condition_met:
            if (cluster::ready_postmaster(options.pgdata) == server.pid) {
                return supervise::Step::done();
            }
            break;
        case supervise::Waited::Why::exited:
            server.pid = 0;
            return supervise::Step::failed(supervise::child_failure(
                "temporary server", "the temporary server", waited.exit.exit_code()));
        case supervise::Waited::Why::stop_requested:
            stop_temp_server(supervisor, server, supervise::k_child_kill_grace);
            return supervise::Step::stopped(waited.stop_signal);
        }
    }
}

supervise::Step stop_temp_server(supervise::Supervisor& supervisor, TempServer& server,
                                 std::chrono::milliseconds timeout) {
    if (server.pid == 0) {
        return supervise::Step::done();
    }
    const auto exit = supervisor.stop_server(server.pid, supervise::StopMode::fast, timeout);
    server.pid = 0;
    if (exit.exit_code() != 0) {
        return supervise::Step::failed(supervise::child_failure(
            "temporary server", "the temporary server's shutdown", exit.exit_code()));
    }
    return supervise::Step::done();
}

} // namespace pgfit::initdb
