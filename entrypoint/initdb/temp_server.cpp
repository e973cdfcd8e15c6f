#include "initdb/temp_server.hpp"

#include "supervise/child_run.hpp"
#include "util/file.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::initdb {

namespace {

constexpr std::chrono::milliseconds k_ready_poll{5};

} // namespace

bool postmaster_ready(const std::string& pgdata, pid_t pid) {
    const auto content = read_file(pgdata + "/postmaster.pid");
    if (!content) {
        return false;
    }
    const auto lines = split(*content, '\n');
    return lines.size() >= 8 && parse_int64(trim(lines[0])) == pid && trim(lines[7]) == "ready";
}

supervise::Step start_temp_server(supervise::Supervisor& supervisor,
                                  const TempServerOptions& options, TempServer& server) {
    supervise::ChildSpec spec;
    spec.argv = {options.bindir + "/postgres", "-D", options.pgdata};
    spec.argv.insert(spec.argv.end(), options.server_args.begin(), options.server_args.end());
    // fsync=off: the first start syncs PGDATA once after this server has stopped
    spec.argv.insert(spec.argv.end(), {"-c", "listen_addresses=", "-c",
                                       "unix_socket_directories=" + options.socket_dir, "-c",
                                       "fsync=off", "-p", std::to_string(options.port)});
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
            if (postmaster_ready(options.pgdata, server.pid)) {
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
