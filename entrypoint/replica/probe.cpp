#include "replica/probe.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>

#include <libpq-fe.h>

#include "util/log.hpp"

namespace pgfit::replica {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds k_first_backoff = 500ms;
constexpr std::chrono::milliseconds k_max_backoff = 8000ms;
constexpr const char* k_connect_timeout = "5";
constexpr int k_read_replication_slot_version = 150000;

struct ConnDeleter {
    void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;
using Res = std::unique_ptr<PGresult, ResultDeleter>;

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...").
std::string one_line(std::string_view text) {
    std::string line;
    for (const char c : text) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (!space) {
            line += c;
        } else if (!line.empty() && line.back() != ' ') {
            line += ' ';
        }
    }
    while (!line.empty() && line.back() == ' ') {
        line.pop_back();
    }
    return line;
}

// A physical replication connection as the replication user (password from `passfile`), the
// kind pg_basebackup opens, so the same pg_hba line decides.
class ReplicationParams {
public:
    ReplicationParams(const ReplicaSettings& settings, const std::string& passfile)
        : m_port(std::to_string(settings.primary_port)), m_values{settings.primary_host.c_str(),
                                                                  m_port.c_str(),
                                                                  settings.user.c_str(),
                                                                  "replication",
                                                                  "true",
                                                                  passfile.c_str(),
                                                                  k_connect_timeout,
                                                                  "pgfit-replica-probe",
                                                                  settings.sslmode.c_str(),
                                                                  settings.sslrootcert.c_str(),
                                                                  nullptr} {}

    const char* const* keys() const { return k_keys; }
    const char* const* values() const { return m_values; }

private:
    static constexpr const char* k_keys[] = {"host",
                                             "port",
                                             "user",
                                             "dbname",
                                             "replication",
                                             "passfile",
                                             "connect_timeout",
                                             "application_name",
                                             // empty (unset): libpq's defaults
                                             "sslmode",
                                             "sslrootcert",
                                             nullptr};
    std::string m_port;
    const char* m_values[11];
};

Conn connect_replication(const ReplicationParams& params) {
    return Conn(PQconnectdbParams(params.keys(), params.values(), 0));
}

// The first row's first column of a replication command, or the server's error.
struct CommandResult {
    bool ok = false;
    std::optional<std::string> value; // nullopt: no row or NULL
    std::string error;
};

CommandResult run_command(PGconn* conn, const std::string& command) {
    Res result(PQexec(conn, command.c_str()));
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        return {false, std::nullopt, one_line(PQerrorMessage(conn))};
    }
    if (PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) {
        return {true, std::nullopt, ""};
    }
    return {true, std::string(PQgetvalue(result.get(), 0, 0)), ""};
}

Probe ask_primary(PGconn* conn, const ReplicaSettings& settings) {
    Probe probe;
    probe.facts.server_version = PQserverVersion(conn);
    const auto identity = run_command(conn, "IDENTIFY_SYSTEM");
    if (!identity.ok) {
        return {ProbeOutcome::protocol_failed, "IDENTIFY_SYSTEM: " + identity.error, {}};
    }
    probe.facts.system_identifier = identity.value.value_or("");
    if (probe.facts.server_version >= k_read_replication_slot_version) {
        // The slot name is validated ([a-z0-9_]), so it needs no quoting.
        const auto slot = run_command(conn, "READ_REPLICATION_SLOT " + settings.slot);
        if (!slot.ok) {
            return {ProbeOutcome::protocol_failed, "READ_REPLICATION_SLOT: " + slot.error, {}};
        }
        if (!slot.value) {
            return {ProbeOutcome::slot_missing,
                    fmt::format("READ_REPLICATION_SLOT {} returned no slot", settings.slot),
                    {}};
        }
        if (*slot.value != "physical") {
            return {ProbeOutcome::protocol_failed,
                    fmt::format("replication slot '{}' is a {} slot; a replica needs a physical "
                                "one",
                                settings.slot, *slot.value),
                    {}};
        }
    }
    const auto libraries = run_command(conn, "SHOW shared_preload_libraries");
    if (libraries.ok) {
        probe.facts.preload_libraries = libraries.value.value_or("");
    } else {
        probe.facts.preload_libraries_error = libraries.error;
    }
    probe.outcome = ProbeOutcome::ready;
    return probe;
}

std::string seconds(std::chrono::milliseconds duration) {
    return fmt::format("{:g}", static_cast<double>(duration.count()) / 1000.0);
}

} // namespace

Probe probe_primary(const ReplicaSettings& settings, const std::string& passfile) {
    const ReplicationParams params(settings, passfile);
    const PGPing ping = PQpingParams(params.keys(), params.values(), 0);
    if (ping != PQPING_OK) {
        // PQping gives no reason; a real attempt does (refused, unknown host, starting up).
        Conn conn = connect_replication(params);
        const std::string reason = one_line(PQerrorMessage(conn.get()));
        return {ping == PQPING_REJECT ? ProbeOutcome::rejecting : ProbeOutcome::no_response,
                reason.empty() ? "no response" : reason,
                {}};
    }
    Conn conn = connect_replication(params);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        return {ProbeOutcome::refused, one_line(PQerrorMessage(conn.get())), {}};
    }
    return ask_primary(conn.get(), settings);
}

std::string describe_probe(const ReplicaSettings& settings, const Probe& probe) {
    const auto address = settings.primary_address();
    switch (probe.outcome) {
    case ProbeOutcome::ready:
        return fmt::format("primary {} is ready for replication as user '{}'", address,
                           settings.user);
    case ProbeOutcome::no_response:
        return fmt::format("primary {} does not answer yet: {}", address, probe.detail);
    case ProbeOutcome::rejecting:
        return fmt::format("primary {} answers but accepts no connections yet (starting up or "
                           "shutting down): {}",
                           address, probe.detail);
    case ProbeOutcome::refused:
        return fmt::format("primary {} refuses the replication connection as user '{}' (check "
                           "the password, the role's REPLICATION attribute and a `host "
                           "replication` line in its pg_hba.conf): {}",
                           address, settings.user, probe.detail);
    case ProbeOutcome::slot_missing:
        return fmt::format("replication slot '{}' does not exist on primary {}; create it there "
                           "(SELECT pg_create_physical_replication_slot('{}'), or list it in the "
                           "primary's POSTGRES_REPLICATION_SLOTS) or set POSTGRES_REPLICATION_SLOT "
                           "to an existing one: {}",
                           settings.slot, address, settings.slot, probe.detail);
    case ProbeOutcome::protocol_failed:
        return fmt::format("primary {} fails a replication command as user '{}': {}", address,
                           settings.user, probe.detail);
    }
    return probe.detail;
}

std::string gave_up_after(const ReplicaSettings& settings) {
    return fmt::format("gave up after {} s (PGFIT_PRIMARY_WAIT_TIMEOUT)",
                       seconds(settings.wait_timeout));
}

std::chrono::milliseconds next_backoff(std::chrono::milliseconds current) {
    if (current.count() <= 0) {
        return k_first_backoff;
    }
    return std::min(current * 2, k_max_backoff);
}

supervise::Step wait_for_primary(supervise::Supervisor& supervisor, const ReplicaSettings& settings,
                                 const std::string& passfile, SteadyTime deadline,
                                 PrimaryFacts& facts) {
    std::optional<ProbeOutcome> logged;
    std::chrono::milliseconds backoff{0};
    Probe probe;
    while (true) {
        probe = probe_primary(settings, passfile);
        if (probe.outcome == ProbeOutcome::ready) {
            if (logged) {
                log::info("{}", describe_probe(settings, probe));
            }
            facts = probe.facts;
            return supervise::Step::done();
        }
        if (logged != probe.outcome) {
            log::info("waiting for the primary (up to {} s in all, retrying with backoff): {}",
                      seconds(settings.wait_timeout), describe_probe(settings, probe));
            logged = probe.outcome;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        backoff = next_backoff(backoff);
        PGFIT_STEP(supervise::pause_for(supervisor, backoff, deadline));
    }
    return supervise::Step::failed(Error{
        "replica", fmt::format("cannot clone the primary {} as user '{}': {}; last attempt: {}",
                               settings.primary_address(), settings.user, gave_up_after(settings),
                               describe_probe(settings, probe))});
}

} // namespace pgfit::replica
