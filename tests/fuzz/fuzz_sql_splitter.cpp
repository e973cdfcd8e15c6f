// The init-SQL splitter must never crash or loop on any input, line numbers only grow, and a
// statement it returns, scanned again on its own, is exactly one statement equal to itself
// (when the input has no `\;`/`\:`, which turn into plain characters). Variable substitution,
// the backslash-command parser and the "needs psql" scan run on the same input.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "initdb/shell_words.hpp"
#include "psql/meta_command.hpp"
#include "psql/sql_file_runner.hpp"
#include "psql/sql_scanner.hpp"

using namespace pgfit::psql;
using pgfit::initdb::split_shell_words;

namespace {

const std::map<std::string, std::string, std::less<>> k_variables = {
    {"a", "x"}, {"user", "it's"}, {"n", "1;2"}, {"empty", ""}};

Substitution substitution() {
    Substitution s;
    s.variables = &k_variables;
    s.quote_literal = [](std::string_view v) { return "'" + std::string(v) + "'"; };
    s.quote_identifier = [](std::string_view v) { return "\"" + std::string(v) + "\""; };
    return s;
}

void check_alone(const std::string& statement, bool standard_strings) {
    SqlScanner again(statement, standard_strings);
    const auto first = again.next();
    const auto* alone = std::get_if<ScannedStatement>(&first);
    if (alone == nullptr || alone->text != statement ||
        !std::holds_alternative<ScanEnd>(again.next())) {
        std::abort();
    }
}

void scan_all(std::string_view text, bool standard_strings, bool substitute) {
    const bool escapes_characters =
        text.find("\\;") != std::string_view::npos || text.find("\\:") != std::string_view::npos;
    SqlScanner scanner(text, standard_strings);
    const auto with = substitute ? substitution() : Substitution{};
    int last_line = 1;
    for (;;) {
        const auto item = scanner.next(with);
        if (std::holds_alternative<ScanEnd>(item)) {
            return;
        }
        if (const auto* statement = std::get_if<ScannedStatement>(&item)) {
            if (statement->line < last_line || statement->text.empty()) {
                std::abort();
            }
            last_line = statement->line;
            if (!substitute && !escapes_characters) {
                check_alone(statement->text, standard_strings);
            }
            if (statement->copy_from_stdin) {
                scanner.take_copy_data();
            }
            continue;
        }
        const auto& meta = std::get<ScannedMeta>(item);
        if (meta.line < last_line) {
            std::abort();
        }
        last_line = meta.line;
        parse_meta_command(meta, with);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    scan_all(text, true, false);
    scan_all(text, false, false);
    scan_all(text, true, true);
    psql_only_reason(text);
    [[maybe_unused]] const auto words = split_shell_words(text, "POSTGRES_INITDB_ARGS");
    return 0;
}
