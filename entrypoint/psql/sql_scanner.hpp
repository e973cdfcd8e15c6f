// Splits an SQL script into statements and backslash commands the way psql does (its lexer
// psqlscan.l is the reference): semicolons end a statement only outside quotes, "identifiers",
// dollar quotes ($$ and $tag$), E'' strings (backslash escapes), '' strings (backslash escapes
// too when standard_conforming_strings is off), -- and nested /* */ comments, parentheses and
// CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END bodies. psql variables `:name`, `:'name'`
// and `:"name"` are substituted outside all of those; an undefined variable stays as written.
// Differences from psql: a `:name` value is inserted as it is (psql rescans it as SQL).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "psql/variable_substitution.hpp"

namespace pgfit::psql {

struct ScannedStatement {
    std::string text; // what to send, `;` included; leading blanks and -- comments dropped
    int line = 1;     // 1-based line of the statement's first token
    // The statement reads like COPY ... FROM STDIN, so data lines follow it (a guess from the
    // tokens; the server's answer is what counts when the statement runs).
    bool copy_from_stdin = false;
};

struct ScannedMeta {
    std::string name;      // `c`, `connect`, `set`, ... (without the backslash)
    std::string arguments; // the rest of its line, unparsed
    int line = 1;
    bool inside_statement = false; // it interrupted an unfinished statement
    std::string statement;         // that statement's text so far (psql's query buffer)
};

struct ScanEnd {};

using ScanItem = std::variant<ScannedStatement, ScannedMeta, ScanEnd>;

class SqlScanner {
public:
    SqlScanner(std::string_view text, bool standard_conforming_strings = true);

    // The next statement or backslash command. A statement still open at the end of the text
    // is returned as it is (psql sends it too); one made only of comments is skipped.
    ScanItem next(const Substitution& substitution = {});

    // COPY FROM STDIN data: from the start of the line after the current position up to the
    // line `\.` (or the end of the text); scanning resumes after that line.
    std::string_view take_copy_data();

    void set_standard_conforming_strings(bool on) { m_standard_strings = on; }
    int line() const { return m_line; }

private:
    struct Statement;

    bool at(std::size_t offset, char c) const;
    void advance(std::size_t count, std::string* out);
    void scan_line_comment();
    void scan_block_comment(Statement& statement);
    void scan_quoted(Statement& statement, bool backslash_escapes, char quote);
    std::size_t continuation_length(std::size_t from) const;
    bool scan_dollar(Statement& statement);
    void scan_identifier(Statement& statement);
    bool scan_variable(Statement& statement, const Substitution& substitution);
    void track_identifier(Statement& statement, std::string_view word);

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_line = 1;
    bool m_standard_strings = true;
};

} // namespace pgfit::psql
