#include "psql/sql_scanner.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "util/strings.hpp"

namespace pgfit::psql {

namespace {

bool is_high(char c) {
    return static_cast<unsigned char>(c) >= 0x80;
}
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ident_start(char c) {
    return is_letter(c) || is_high(c) || c == '_';
}
bool is_ident_cont(char c) {
    return is_ident_start(c) || is_ascii_digit(c) || c == '$';
}
bool is_dollar_tag_cont(char c) {
    return is_ident_start(c) || is_ascii_digit(c);
}

} // namespace

// The statement being collected, with psql's lexer state for it.
struct SqlScanner::Statement {
    std::string text;
    int line = 1;
    bool has_token = false;
    int paren_depth = 0;
    int begin_depth = 0;
    // psql's heuristic for CREATE [OR REPLACE] {FUNCTION|PROCEDURE} ... BEGIN ATOMIC: the first
    // letters of the statement's first four identifiers when they are one of those keywords.
    std::array<char, 4> identifiers{};
    int identifier_count = 0;
    bool is_copy = false;
    bool previous_was_from = false;
    bool copy_from_stdin = false;

    void token(int at_line) {
        if (!has_token) {
            has_token = true;
            line = at_line;
        }
    }
    void other_token() { previous_was_from = false; }
};

SqlScanner::SqlScanner(std::string_view text, bool standard_conforming_strings)
    : m_text(text), m_standard_strings(standard_conforming_strings) {}

bool SqlScanner::at(std::size_t offset, char c) const {
    return m_pos + offset < m_text.size() && m_text[m_pos + offset] == c;
}

void SqlScanner::advance(std::size_t count, std::string* out) {
    count = std::min(count, m_text.size() - m_pos);
    const auto slice = m_text.substr(m_pos, count);
    m_line += static_cast<int>(std::count(slice.begin(), slice.end(), '\n'));
    if (out != nullptr) {
        out->append(slice);
    }
    m_pos += count;
}

ScanItem SqlScanner::next(const Substitution& substitution) {
    Statement statement;
    std::string& out = statement.text;
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (is_ascii_space(c)) {
            // Like psql: nothing before the first token but /* */ comments.
            advance(1, out.empty() ? nullptr : &out);
            continue;
        }
        if (c == '-' && at(1, '-')) {
            scan_line_comment(); // psql drops -- comments
            continue;
        }
        if (c == '/' && at(1, '*')) {
            scan_block_comment(statement);
            continue;
        }
        if (c == '\\') {
            if (at(1, ';') || at(1, ':')) {
                statement.token(m_line);
                statement.other_token();
                if (at(1, ';')) {
                    statement.identifier_count = 0;
                }
                ++m_pos;
                advance(1, &out);
                continue;
            }
            ScannedMeta meta;
            meta.line = m_line;
            meta.inside_statement = statement.has_token;
            if (statement.has_token) {
                meta.statement = statement.text;
            }
            ++m_pos;
            const auto name_end = m_text.find_first_of(" \t\n\r\f\\", m_pos);
            const auto name_length =
                (name_end == std::string_view::npos ? m_text.size() : name_end) - m_pos;
            meta.name = std::string(m_text.substr(m_pos, name_length));
            m_pos += name_length;
            const auto line_end = m_text.find('\n', m_pos);
            const auto args_length =
                (line_end == std::string_view::npos ? m_text.size() : line_end) - m_pos;
            meta.arguments = std::string(m_text.substr(m_pos, args_length));
            m_pos += args_length;
            return meta;
        }
        statement.token(m_line);
        if (c == ';') {
            advance(1, &out);
            if (statement.paren_depth == 0 && statement.begin_depth == 0) {
                return ScannedStatement{std::move(out), statement.line, statement.copy_from_stdin};
            }
            statement.other_token();
            continue;
        }
        if (c == '\'') {
            statement.other_token();
            scan_quoted(statement, !m_standard_strings, '\'');
        } else if (c == '"') {
            statement.other_token();
            scan_quoted(statement, false, '"');
        } else if (c == '$') {
            statement.other_token();
            scan_dollar(statement);
        } else if (c == ':') {
            statement.other_token();
            if (at(1, ':')) {
                advance(2, &out); // a typecast, not a variable
            } else if (!scan_variable(statement, substitution)) {
                advance(1, &out);
            }
        } else if (is_ident_start(c)) {
            scan_identifier(statement);
        } else {
            statement.other_token();
            if (c == '(') {
                ++statement.paren_depth;
            } else if (c == ')' && statement.paren_depth > 0) {
                --statement.paren_depth;
            }
            advance(1, &out);
        }
    }
    if (statement.has_token) {
        return ScannedStatement{std::move(out), statement.line, statement.copy_from_stdin};
    }
    return ScanEnd{};
}

void SqlScanner::scan_line_comment() {
    const auto end = m_text.find_first_of("\r\n", m_pos);
    m_pos = end == std::string_view::npos ? m_text.size() : end;
}

void SqlScanner::scan_block_comment(Statement& statement) {
    advance(2, &statement.text);
    int depth = 0;
    while (m_pos < m_text.size()) {
        if (m_text[m_pos] == '/' && at(1, '*')) {
            ++depth;
            advance(2, &statement.text);
        } else if (m_text[m_pos] == '*' && at(1, '/')) {
            advance(2, &statement.text);
            if (depth-- == 0) {
                return;
            }
        } else {
            advance(1, &statement.text);
        }
    }
}

// Quoted text from the opening quote at m_pos: 'strings' and "identifiers" (a doubled quote
// stays inside). `backslash_escapes` is E'' (or '' with standard_conforming_strings off).
// String literals continue across whitespace that holds a newline, in the same mode.
void SqlScanner::scan_quoted(Statement& statement, bool backslash_escapes, char quote) {
    std::string& out = statement.text;
    advance(1, &out);
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (backslash_escapes && c == '\\') {
            advance(2, &out);
        } else if (c == quote && at(1, quote)) {
            advance(2, &out);
        } else if (c == quote) {
            advance(1, &out);
            const auto gap = quote == '\'' ? continuation_length(m_pos) : std::string_view::npos;
            if (gap == std::string_view::npos) {
                return;
            }
            advance(gap + 1, &out);
        } else {
            advance(1, &out);
        }
    }
}

// psql's {quotecontinue}: blanks and -- comments, a newline, any whitespace and comment lines,
// then a quote. Returns the length up to that quote, or npos.
std::size_t SqlScanner::continuation_length(std::size_t from) const {
    const auto size = m_text.size();
    const auto skip_comment = [&](std::size_t p) {
        const auto end = m_text.find_first_of("\r\n", p);
        return end == std::string_view::npos ? size : end;
    };
    std::size_t p = from;
    while (p < size) {
        if (m_text[p] == ' ' || m_text[p] == '\t' || m_text[p] == '\f') {
            ++p;
        } else if (m_text[p] == '-' && p + 1 < size && m_text[p + 1] == '-') {
            p = skip_comment(p);
        } else {
            break;
        }
    }
    if (p >= size || (m_text[p] != '\n' && m_text[p] != '\r')) {
        return std::string_view::npos;
    }
    ++p;
    while (p < size) {
        if (is_ascii_space(m_text[p])) {
            ++p;
        } else if (m_text[p] == '-' && p + 1 < size && m_text[p + 1] == '-') {
            const auto end = skip_comment(p);
            if (end >= size) {
                return std::string_view::npos;
            }
            p = end + 1;
        } else {
            break;
        }
    }
    return p < size && m_text[p] == '\'' ? p - from : std::string_view::npos;
}

// `$tag$ ... $tag$`, a `$1` parameter, or a lone `$`.
bool SqlScanner::scan_dollar(Statement& statement) {
    std::string& out = statement.text;
    std::size_t p = m_pos + 1;
    if (p < m_text.size() && is_ident_start(m_text[p])) {
        while (p < m_text.size() && is_dollar_tag_cont(m_text[p])) {
            ++p;
        }
        if (p >= m_text.size() || m_text[p] != '$') {
            advance(1, &out); // not a tag: the `$` alone, the word is lexed next
            return false;
        }
    } else if (p < m_text.size() && is_ascii_digit(m_text[p])) {
        while (p < m_text.size() && is_ascii_digit(m_text[p])) {
            ++p;
        }
        advance(p - m_pos, &out);
        return false;
    } else if (p >= m_text.size() || m_text[p] != '$') {
        advance(1, &out);
        return false;
    }
    const std::string tag(m_text.substr(m_pos, p + 1 - m_pos));
    advance(tag.size(), &out);
    const auto close = m_text.find(tag, m_pos);
    if (close == std::string_view::npos) {
        advance(m_text.size() - m_pos, &out);
    } else {
        advance(close + tag.size() - m_pos, &out);
    }
    return true;
}

void SqlScanner::scan_identifier(Statement& statement) {
    std::string& out = statement.text;
    const char c = m_text[m_pos];
    const char lower = static_cast<char>(c | 0x20);
    // String prefixes: E'' escapes; B'', X'', U&'' never escape; N'' is a plain string.
    if (at(1, '\'') && (lower == 'e' || lower == 'b' || lower == 'x' || lower == 'n')) {
        statement.other_token();
        advance(1, &out);
        const bool escapes = lower == 'e' || (lower == 'n' && !m_standard_strings);
        scan_quoted(statement, escapes, '\'');
        return;
    }
    if (lower == 'u' && at(1, '&') && (at(2, '\'') || at(2, '"'))) {
        statement.other_token();
        advance(2, &out);
        scan_quoted(statement, false, m_text[m_pos]);
        return;
    }
    std::size_t end = m_pos + 1;
    while (end < m_text.size() && is_ident_cont(m_text[end])) {
        ++end;
    }
    const auto word = m_text.substr(m_pos, end - m_pos);
    track_identifier(statement, word);
    advance(word.size(), &out);
}

void SqlScanner::track_identifier(Statement& statement, std::string_view word) {
    const std::string lower = to_lower(word);
    auto& ids = statement.identifiers;
    if (lower == "create" || lower == "function" || lower == "procedure" || lower == "or" ||
        lower == "replace") {
        if (statement.identifier_count < static_cast<int>(ids.size())) {
            ids[static_cast<std::size_t>(statement.identifier_count)] = lower[0];
        }
    }
    ++statement.identifier_count;
    const bool routine =
        ids[0] == 'c' && (ids[1] == 'f' || ids[1] == 'p' ||
                          (ids[1] == 'o' && ids[2] == 'r' && (ids[3] == 'f' || ids[3] == 'p')));
    if (routine && statement.paren_depth == 0) {
        if (lower == "begin") {
            ++statement.begin_depth;
        } else if (lower == "case" && statement.begin_depth >= 1) {
            ++statement.begin_depth; // CASE also ends with END
        } else if (lower == "end" && statement.begin_depth > 0) {
            --statement.begin_depth;
        }
    }
    if (statement.identifier_count == 1) {
        statement.is_copy = lower == "copy";
    }
    if (statement.is_copy && statement.previous_was_from && lower == "stdin") {
        statement.copy_from_stdin = true;
    }
    statement.previous_was_from = lower == "from";
}

// `:name`, `:'name'`, `:"name"` at m_pos (a `:`). Returns false when the text is not a
// variable reference, so the caller takes the `:` alone.
bool SqlScanner::scan_variable(Statement& statement, const Substitution& substitution) {
    const auto reference = find_variable_reference(m_text, m_pos, substitution);
    if (!reference) {
        return false;
    }
    if (!reference->replacement) {
        advance(reference->length, &statement.text);
        return true;
    }
    statement.text += *reference->replacement;
    advance(reference->length, nullptr);
    return true;
}

std::string_view SqlScanner::take_copy_data() {
    const auto newline = m_text.find('\n', m_pos);
    if (newline == std::string_view::npos) {
        m_pos = m_text.size();
        return {};
    }
    advance(newline + 1 - m_pos, nullptr);
    const std::size_t start = m_pos;
    while (m_pos < m_text.size()) {
        const auto end = m_text.find('\n', m_pos);
        const auto next_line = end == std::string_view::npos ? m_text.size() : end + 1;
        auto line = m_text.substr(m_pos, next_line - m_pos);
        while (line.ends_with('\n') || line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line == "\\.") {
            const auto data = m_text.substr(start, m_pos - start);
            advance(next_line - m_pos, nullptr);
            return data;
        }
        advance(next_line - m_pos, nullptr);
    }
    return m_text.substr(start);
}

} // namespace pgfit::psql
