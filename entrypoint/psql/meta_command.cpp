#include "psql/meta_command.hpp"

#include <map>

namespace pgfit::psql {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n';
}
bool is_octal(char c) {
    return c >= '0' && c <= '7';
}
bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

const std::map<std::string_view, MetaKind>& kinds() {
    static const std::map<std::string_view, MetaKind> table = {
        {"c", MetaKind::connect},
        {"connect", MetaKind::connect},
        {"set", MetaKind::set},
        {"unset", MetaKind::unset},
        {"echo", MetaKind::echo},
        {"i", MetaKind::include},
        {"include", MetaKind::include},
        {"ir", MetaKind::include_relative},
        {"include_relative", MetaKind::include_relative},
        {"gexec", MetaKind::gexec}};
    return table;
}

// A '...' argument part at text[i] (the opening quote); appends the unescaped value.
std::optional<std::size_t> single_quoted(std::string_view text, std::size_t i, std::string& out) {
    ++i;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
            out.push_back('\'');
            i += 2;
        } else if (c == '\'') {
            return i + 1;
        } else if (c == '\\' && i + 1 < text.size()) {
            const char e = text[i + 1];
            i += 2;
            if (e == 'n') {
                out.push_back('\n');
            } else if (e == 't') {
                out.push_back('\t');
            } else if (e == 'b') {
                out.push_back('\b');
            } else if (e == 'r') {
                out.push_back('\r');
            } else if (e == 'f') {
                out.push_back('\f');
            } else if (is_octal(e)) {
                int value = e - '0';
                for (int n = 0; n < 2 && i < text.size() && is_octal(text[i]); ++n) {
                    value = value * 8 + (text[i++] - '0');
                }
                out.push_back(static_cast<char>(value));
            } else if (e == 'x' && i < text.size() && is_hex(text[i])) {
                int value = 0;
                for (int n = 0; n < 2 && i < text.size() && is_hex(text[i]); ++n) {
                    const char h = text[i++];
                    value = value * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                }
                out.push_back(static_cast<char>(value));
            } else {
                out.push_back(e);
            }
        } else {
            out.push_back(c);
            ++i;
        }
    }
    return std::nullopt;
}

// A "..." part, kept with its quotes (names are dequoted afterwards, as psql does).
std::optional<std::size_t> double_quoted(std::string_view text, std::size_t i, std::string& out) {
    out.push_back('"');
    ++i;
    while (i < text.size()) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            out.append("\"\"");
            i += 2;
        } else if (text[i] == '"') {
            out.push_back('"');
            return i + 1;
        } else {
            out.push_back(text[i++]);
        }
    }
    return std::nullopt;
}

// psql's OT_SQLIDHACK: double quotes removed from the whole word (substituted :"name" values
// included), a doubled quote inside quotes kept once; no case folding.
std::string dequote_name(const std::string& word) {
    std::string out;
    bool in_quotes = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (word[i] != '"') {
            out.push_back(word[i]);
        } else if (in_quotes && i + 1 < word.size() && word[i + 1] == '"') {
            out.push_back('"');
            ++i;
        } else {
            in_quotes = !in_quotes;
        }
    }
    return out;
}

// :name, :'name' or :"name" at text[i]; appends the value (or the text when undefined).
std::size_t variable(std::string_view text, std::size_t i, const Substitution& substitution,
                     std::string& out) {
    const auto reference = find_variable_reference(text, i, substitution);
    if (!reference) {
        out.push_back(':');
        return i + 1;
    }
    if (reference->replacement) {
        out += *reference->replacement;
    } else {
        out.append(text.substr(i, reference->length));
    }
    return i + reference->length;
}

std::optional<std::vector<std::string>> split_arguments(std::string_view text, bool names,
                                                        const Substitution& substitution) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (true) {
        while (i < text.size() && is_blank(text[i])) {
            ++i;
        }
        if (i >= text.size()) {
            return words;
        }
        std::string word;
        while (i < text.size() && !is_blank(text[i])) {
            const char c = text[i];
            std::optional<std::size_t> next;
            if (c == '\'') {
                next = single_quoted(text, i, word);
            } else if (c == '"') {
                next = double_quoted(text, i, word);
            } else if (c == ':') {
                next = variable(text, i, substitution, word);
            } else if (c == '`' || c == '\\') {
                return std::nullopt; // shell commands and chained backslash commands: psql
            } else {
                word.push_back(c);
                next = i + 1;
            }
            if (!next) {
                return std::nullopt;
            }
            i = *next;
        }
        words.push_back(names ? dequote_name(word) : std::move(word));
    }
}

bool arity_fits(MetaKind kind, std::size_t count) {
    switch (kind) {
    case MetaKind::connect:
        return count <= 2; // host and port are psql's business
    case MetaKind::set:
        return count >= 1; // a bare \set lists variables
    case MetaKind::unset:
    case MetaKind::include:
    case MetaKind::include_relative:
        return count == 1;
    case MetaKind::echo:
        return true;
    case MetaKind::gexec:
        return count == 0;
    }
    return false;
}

} // namespace

bool is_valid_variable_name(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    for (const char c : name) {
        if (!is_variable_char(c)) {
            return false;
        }
    }
    return true;
}

std::optional<MetaCommand> parse_meta_command(const ScannedMeta& meta,
                                              const Substitution& substitution) {
    const auto found = kinds().find(meta.name);
    if (found == kinds().end()) {
        return std::nullopt;
    }
    const MetaKind kind = found->second;
    // \gexec ends the statement it follows; any other command there is psql's.
    if (meta.inside_statement != (kind == MetaKind::gexec)) {
        return std::nullopt;
    }
    auto words = split_arguments(meta.arguments, kind == MetaKind::connect, substitution);
    if (!words || !arity_fits(kind, words->size())) {
        return std::nullopt;
    }
    if ((kind == MetaKind::set || kind == MetaKind::unset) &&
        !is_valid_variable_name(words->front())) {
        return std::nullopt; // psql reports the invalid name
    }
    return MetaCommand{kind, std::move(*words), meta.statement};
}

} // namespace pgfit::psql
