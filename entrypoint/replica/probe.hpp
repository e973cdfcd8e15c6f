// Is the primary ready to be cloned? One probe: libpq's PQping, then a physical replication
// connection (replication=true) as the replication user with the password file, doing
// IDENTIFY_SYSTEM, on PostgreSQL 15+ READ_REPLICATION_SLOT <slot>, and SHOW
// shared_preload_libraries (the standby should load the same libraries; a replication role
// without pg_read_all_settings may not read it, which is not a reason to refuse the clone).
// `wait_for_primary` repeats the probe with capped exponential backoff until it succeeds, the
// deadline passes or a stop signal arrives, logging one line whenever the kind of failure
// changes (not one per attempt).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "replica/settings.hpp"
#include "supervise/pause.hpp"
#include "supervise/step.hpp"
#include "supervise/supervisor.hpp"

namespace pgfit::replica {

enum class ProbeOutcome {
    ready,           // replication connection works, the slot exists
    no_response,     // nothing answers at host:port (down, not resolvable, firewalled)
    rejecting,       // the server answers but accepts no connections yet (starting, recovery)
    refused,         // the replication connection failed (authentication, pg_hba, no role)
    slot_missing,    // READ_REPLICATION_SLOT found no such slot
    protocol_failed, // a replication command failed
};

struct PrimaryFacts {
    int server_version = 0; // PQserverVersion, e.g. 150004
    std::string system_identifier;
    // SHOW shared_preload_libraries ("" when none); nullopt when the user may not read it, with
    // the server's reason in `preload_libraries_error`.
    std::optional<std::string> preload_libraries;
    std::string preload_libraries_error;
};

struct Probe {
    ProbeOutcome outcome = ProbeOutcome::no_response;
    std::string detail; // libpq's or the server's message, one line
    PrimaryFacts facts; // when ready
};

// One attempt; `passfile` is the libpq password file holding the replication password.
Probe probe_primary(const ReplicaSettings& settings, const std::string& passfile);

// A sentence for the log: what the outcome means for this primary, with the detail.
std::string describe_probe(const ReplicaSettings& settings, const Probe& probe);

using SteadyTime = std::chrono::steady_clock::time_point;

// "gave up after 300 s (PGFIT_PRIMARY_WAIT_TIMEOUT)": how a replica's first start ends when the
// primary cannot be cloned in time.
std::string gave_up_after(const ReplicaSettings& settings);

// Probes until ready (facts in `facts`), the deadline (failed: "cannot reach the primary ...
// within N s as user U: <last outcome and libpq error>") or a stop signal (stopped).
supervise::Step wait_for_primary(supervise::Supervisor& supervisor, const ReplicaSettings& settings,
                                 const std::string& passfile, SteadyTime deadline,
                                 PrimaryFacts& facts);

// The backoff sequence: 0.5 s, doubled after each failed attempt, at most 8 s.
std::chrono::milliseconds next_backoff(std::chrono::milliseconds current);

} // namespace pgfit::replica
