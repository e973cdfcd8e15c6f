#include "roles/apply.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "psql/quiet_session.hpp"
#include "roles/plan.hpp"
#include "util/file.hpp"
#include "util/log.hpp"

namespace pgfit::roles {

namespace {

constexpr const char* k_maintenance_database = "postgres";

std::string state_path(const std::string& pgdata) {
    return pgdata + "/" + k_state_name;
}

Result<psql::SqlSession> open_quiet(const psql::ConnectionTarget& server,
                                    const std::string& database) {
    auto target = server;
    target.database = database;
    target.application_name = "pgfit-roles";
    return psql::open_quiet_session(target);
}

Result<Existing> query_existing(psql::SqlSession& session) {
    Existing existing;
    PGFIT_TRY_ASSIGN(const auto roles,
                     session.query_rows("SELECT rolname FROM pg_catalog.pg_roles"));
    for (const auto& row : roles) {
        existing.roles.insert(row[0].value_or(""));
    }
    PGFIT_TRY_ASSIGN(const auto databases,
                     session.query_rows("SELECT datname, pg_catalog.pg_get_userbyid(datdba) "
                                        "FROM pg_catalog.pg_database"));
    for (const auto& row : databases) {
        existing.database_owners[row[0].value_or("")] = row[1].value_or("");
    }
    return existing;
}

// The statements in one transaction; rolled back at the first error.
Result<void> run_transaction(psql::SqlSession& session, const std::vector<std::string>& statements,
                             const std::string& what) {
    if (statements.empty()) {
        return {};
    }
    PGFIT_TRY(session.query_rows("BEGIN"));
    for (const auto& statement : statements) {
        auto done = session.query_rows(statement);
        if (!done) {
            (void)session.query_rows("ROLLBACK");
            return fail(what, "{} (nothing of it was applied)", done.error().message);
        }
    }
    return session.query_rows("COMMIT").has_value()
               ? Result<void>()
               : fail(what, "COMMIT failed (nothing of it was applied)");
}

Result<std::map<std::string, std::string>>
verifiers_for(const Wanted& wanted, const Changes& changes, const psql::SqlSession& session) {
    std::map<std::string, std::string> verifiers;
    for (const auto& entry : wanted.passwords) {
        if (std::find(changes.passwords.begin(), changes.passwords.end(), entry.role) ==
            changes.passwords.end()) {
            continue;
        }
        auto verifier = session.scram_verifier(entry.password, entry.role);
        if (!verifier) {
            return fail(entry.source, "cannot compute the SCRAM verifier: {}",
                        verifier.error().message);
        }
        verifiers[entry.role] = std::move(*verifier);
    }
    return verifiers;
}

} // namespace

std::optional<Pending> pending_changes(const Wanted& wanted, const std::string& pgdata) {
    const auto text = read_file(state_path(pgdata));
    const auto recorded = text ? parse_state(*text) : std::nullopt;
    if (!recorded && wanted.passwords.empty() && wanted.declaration.empty()) {
        // Nothing managed (trust, no declaration) and nothing recorded: no temporary server.
        log::debug("roles: no password or declaration to keep in step; no statement run");
        return std::nullopt;
    }
    Pending pending;
    pending.wanted = state_of(wanted, recorded ? recorded->salt : new_salt());
    pending.changes = compare(recorded.value_or(RolesState{}), pending.wanted);
    if (!pending.changes.any()) {
        log::debug("roles: nothing changed since {} was written; no statement run",
                   state_path(pgdata));
        return std::nullopt;
    }
    return pending;
}

Result<void> apply_pending(const Wanted& wanted, const Pending& pending,
                           const psql::ConnectionTarget& server, const std::string& pgdata) {
    PGFIT_TRY_ASSIGN(auto session, open_quiet(server, k_maintenance_database));
    PGFIT_TRY_ASSIGN(const auto existing, query_existing(session));
    PGFIT_TRY_ASSIGN(const auto verifiers, verifiers_for(wanted, pending.changes, session));
    const auto plan = make_plan(wanted, pending.changes, existing, verifiers);
    for (const auto& note : plan.notes) {
        log::warning("roles: {}", note);
    }
    PGFIT_TRY(run_transaction(session, plan.role_statements, "roles and passwords"));
    for (const auto& statement : plan.database_statements) {
        auto done = session.query_rows(statement);
        if (!done) {
            return fail("databases", "{}", done.error().message);
        }
    }
    for (const auto& database : plan.per_database) {
        PGFIT_TRY_ASSIGN(auto inside, open_quiet(server, database.database));
        PGFIT_TRY(run_transaction(inside, database.statements,
                                  fmt::format("database \"{}\"", database.database)));
    }
    auto applied = pending.wanted;
    for (const auto& role : plan.passwords_not_set) {
        applied.password_hashes.erase(role); // tried again next time
    }
    PGFIT_TRY(write_file_atomic(state_path(pgdata), render_state(applied), 0600));
    log::info("roles: {} statement(s) applied{}{}", plan.statement_count(),
              plan.actions.empty() ? "" : ": ", fmt::join(plan.actions, "; "));
    return {};
}

} // namespace pgfit::roles
