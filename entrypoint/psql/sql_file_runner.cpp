#include "psql/sql_file_runner.hpp"

#include <cstdio>

#include "psql/mapped_file.hpp"
#include "psql/meta_command.hpp"
#include "psql/session_pool.hpp"
#include "psql/sql_scanner.hpp"
#include "util/log.hpp"

namespace pgfit::psql {

namespace {

constexpr int k_max_include_depth = 32;

// The connection a file and the files it includes run on; \c replaces it. Its own, or one
// of the context's pool.
class SessionSlot {
public:
    explicit SessionSlot(SessionPool* pool) : m_pool(pool) {}

    Result<void> connect(const ConnectionTarget& target) {
        if (m_pool != nullptr) {
            PGFIT_TRY_ASSIGN(m_session, m_pool->session_for(target));
            return {};
        }
        PGFIT_TRY_ASSIGN(auto opened, SqlSession::open(target));
        m_own = std::move(opened);
        m_session = &*m_own;
        return {};
    }
    SqlSession& session() { return *m_session; }

private:
    SessionPool* m_pool;
    std::optional<SqlSession> m_own;
    SqlSession* m_session = nullptr;
};

// One file being run: its scanner, its connection (\c replaces it) and where it is.
class FileRun {
public:
    FileRun(SqlFileContext& context, std::string_view text, std::string shown_as, int depth)
        : m_context(context), m_scanner(text), m_shown_as(std::move(shown_as)), m_depth(depth) {}

    supervise::Step run(SessionSlot& slot);

private:
    supervise::Step run_meta(SessionSlot& slot, const ScannedMeta& meta);
    supervise::Step connect(SessionSlot& slot, const std::vector<std::string>& arguments, int line);
    supervise::Step include(SessionSlot& slot, const std::string& path, int line);
    supervise::Step gexec(SqlSession& session, const std::string& query, int line);
    Substitution substitution(const SqlSession& session) const;
    std::string where(int line) const { return fmt::format("{}:{}", m_shown_as, line); }

    SqlFileContext& m_context;
    SqlScanner m_scanner;
    std::string m_shown_as;
    int m_depth;
};

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
}

Substitution FileRun::substitution(const SqlSession& session) const {
    Substitution s;
    s.variables = &m_context.variables;
    s.quote_literal = [&session](std::string_view v) { return session.quote_literal(v); };
    s.quote_identifier = [&session](std::string_view v) { return session.quote_identifier(v); };
    return s;
}

supervise::Step FileRun::run(SessionSlot& slot) {
    for (;;) {
        auto& session = slot.session();
        m_scanner.set_standard_conforming_strings(session.standard_conforming_strings());
        const auto item = m_scanner.next(substitution(session));
        if (std::holds_alternative<ScanEnd>(item)) {
            return supervise::Step::done();
        }
        if (const auto* meta = std::get_if<ScannedMeta>(&item)) {
            PGFIT_STEP(run_meta(slot, *meta));
            continue;
        }
        const auto& statement = std::get<ScannedStatement>(item);
        PGFIT_STEP(session.execute(
            *m_context.supervisor, statement.text, where(statement.line),
            [this]() -> std::optional<std::string_view> { return m_scanner.take_copy_data(); }));
    }
}

supervise::Step FileRun::run_meta(SessionSlot& slot, const ScannedMeta& meta) {
    auto& session = slot.session();
    const auto command = parse_meta_command(meta, substitution(session));
    if (!command) {
        // The whole-file scan let it through, so the scan differed (standard_conforming_strings
        // changed by the file itself); psql cannot take over half way.
        return supervise::Step::failed(Error{
            where(meta.line), fmt::format("cannot run \\{} here; run this file with psql from "
                                          "a .sh script instead",
                                          meta.name)});
    }
    const auto& args = command->arguments;
    switch (command->kind) {
    case MetaKind::connect:
        return connect(slot, args, meta.line);
    case MetaKind::set: {
        std::string value;
        for (std::size_t i = 1; i < args.size(); ++i) {
            value += args[i];
        }
        m_context.variables[args[0]] = value;
        return supervise::Step::done();
    }
    case MetaKind::unset:
        m_context.variables.erase(args[0]);
        return supervise::Step::done();
    case MetaKind::echo: {
        const bool newline = args.empty() || args[0] != "-n";
        std::string text;
        for (std::size_t i = newline ? 0 : 1; i < args.size(); ++i) {
            text += (text.empty() ? "" : " ") + args[i];
        }
        std::fputs((text + (newline ? "\n" : "")).c_str(), stdout);
        std::fflush(stdout);
        return supervise::Step::done();
    }
    case MetaKind::include:
        return include(slot, args[0], meta.line);
    case MetaKind::include_relative:
        return include(
            slot, args[0].starts_with('/') ? args[0] : directory_of(m_shown_as) + "/" + args[0],
            meta.line);
    case MetaKind::gexec:
        return gexec(session, command->statement, meta.line);
    }
    return supervise::Step::done();
}

supervise::Step FileRun::connect(SessionSlot& slot, const std::vector<std::string>& arguments,
                                 int line) {
    ConnectionTarget target = slot.session().target();
    if (!arguments.empty() && arguments[0] != "-") {
        target.database = arguments[0];
    }
    if (arguments.size() > 1 && arguments[1] != "-") {
        target.user = arguments[1];
    }
    if (auto connected = slot.connect(target); !connected) {
        return supervise::Step::failed(Error{where(line), connected.error().message});
    }
    std::printf("You are now connected to database \"%s\" as user \"%s\".\n",
                target.database.c_str(), target.user.c_str());
    std::fflush(stdout);
    return supervise::Step::done();
}

// psql's \gexec: every non-null field of the query's result, row by row and column by column,
// runs as a statement of its own (outside any transaction block, so ALTER SYSTEM works).
supervise::Step FileRun::gexec(SqlSession& session, const std::string& query, int line) {
    auto rows = session.query_rows(query);
    if (!rows) {
        return supervise::Step::failed(Error{where(line), rows.error().message});
    }
    for (const auto& row : *rows) {
        for (const auto& field : row) {
            if (field) {
                PGFIT_STEP(session.execute(*m_context.supervisor, *field, where(line)));
            }
        }
    }
    return supervise::Step::done();
}

supervise::Step run_text(SqlFileContext& context, SessionSlot* slot, const std::string& path,
                         const std::string& shown_as, int depth);

supervise::Step FileRun::include(SessionSlot& slot, const std::string& path, int line) {
    if (m_depth >= k_max_include_depth) {
        return supervise::Step::failed(
            Error{where(line), fmt::format("cannot include '{}': more than {} "
                                           "nested \\i",
                                           path, k_max_include_depth)});
    }
    return run_text(m_context, &slot, path, path, m_depth + 1);
}

// Runs the file at `path` on `slot`'s session (one to the context's target when null), or hands
// it to psql when pgfit cannot run it.
supervise::Step run_text(SqlFileContext& context, SessionSlot* slot, const std::string& path,
                         const std::string& shown_as, int depth) {
    auto file = MappedFile::open(path);
    if (!file) {
        return supervise::Step::failed(file.error());
    }
    if (const auto reason = psql_only_reason(file->text())) {
        log::info("{} uses {}, which only psql runs: handing the whole file to psql", shown_as,
                  *reason);
        return context.run_with_psql(path, shown_as);
    }
    std::optional<SessionSlot> own;
    if (slot == nullptr) {
        own.emplace(context.pool);
        if (auto connected = own->connect(context.target); !connected) {
            return supervise::Step::failed(Error{shown_as, connected.error().message});
        }
        slot = &*own;
    }
    FileRun run(context, file->text(), shown_as, depth);
    return run.run(*slot);
}

} // namespace

std::optional<std::string> psql_only_reason(std::string_view text) {
    SqlScanner scanner(text);
    for (;;) {
        const auto item = scanner.next();
        if (std::holds_alternative<ScanEnd>(item)) {
            return std::nullopt;
        }
        if (const auto* statement = std::get_if<ScannedStatement>(&item)) {
            if (statement->copy_from_stdin) {
                scanner.take_copy_data();
            }
            continue;
        }
        const auto& meta = std::get<ScannedMeta>(item);
        if (!parse_meta_command(meta)) {
            return fmt::format("\\{} (line {})", meta.name, meta.line);
        }
    }
}

supervise::Step run_sql_file(SqlFileContext& context, const std::string& path,
                             const std::string& shown_as) {
    return run_text(context, nullptr, path, shown_as, 0);
}

} // namespace pgfit::psql
