#include "settings/auto_conf.hpp"

#include <cerrno>

#include "util/file.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace pgfit::settings {

namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) {
    return is_name_start(c) || is_ascii_digit(c) || c == '$';
}

// Characters a bare value may hold: postgres's UNQUOTED_STRING, INTEGER and REAL with units.
bool is_bare_value_char(char c) {
    return is_name_char(c) || c == '-' || c == '.' || c == ':' || c == '/' || c == '+';
}

char unescape(char c) {
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return c;
    }
}

struct LineReader {
    std::string_view line;
    std::size_t at = 0;

    void skip_spaces() {
        while (at < line.size() && is_ascii_space(line[at])) {
            ++at;
        }
    }
    bool at_end_or_comment() {
        skip_spaces();
        return at >= line.size() || line[at] == '#';
    }
    // A name: ID or ID.ID (custom settings such as pg_stat_statements.max).
    std::string name() {
        const auto start = at;
        while (at < line.size() && (is_name_char(line[at]) || (line[at] == '.' && at > start))) {
            ++at;
        }
        return std::string(line.substr(start, at - start));
    }
    // A quoted or bare value; nullopt when neither is there or a quote is not closed.
    std::optional<std::string> value() {
        if (at < line.size() && line[at] == '\'') {
            std::string text;
            for (++at; at < line.size(); ++at) {
                const char c = line[at];
                if (c == '\\' && at + 1 < line.size()) {
                    text.push_back(unescape(line[++at]));
                } else if (c == '\'' && at + 1 < line.size() && line[at + 1] == '\'') {
                    text.push_back('\'');
                    ++at;
                } else if (c == '\'') {
                    ++at;
                    return text;
                } else {
                    text.push_back(c);
                }
            }
            return std::nullopt;
        }
        const auto start = at;
        while (at < line.size() && is_bare_value_char(line[at])) {
            ++at;
        }
        if (at == start) {
            return std::nullopt;
        }
        return std::string(line.substr(start, at - start));
    }
};

} // namespace

AutoConf parse_auto_conf(std::string_view text, std::string_view path) {
    AutoConf parsed;
    std::size_t number = 0;
    for (const auto line : split(text, '\n')) {
        ++number;
        LineReader reader{line};
        if (reader.at_end_or_comment()) {
            continue;
        }
        const auto problem = [&](std::string_view what) {
            parsed.problems.push_back(fmt::format("{}:{}: {}", path, number, what));
        };
        if (!is_name_start(line[reader.at])) {
            problem("expected a setting name");
            continue;
        }
        const auto name = reader.name();
        reader.skip_spaces();
        if (reader.at < line.size() && line[reader.at] == '=') {
            ++reader.at;
            reader.skip_spaces();
        }
        auto value = reader.value();
        if (!value) {
            problem(fmt::format("expected a value for '{}' (a quoted string needs its closing ')",
                                name));
            continue;
        }
        if (!reader.at_end_or_comment()) {
            problem(fmt::format("unexpected text after the value of '{}'", name));
            continue;
        }
        parsed.settings.push_back({normalize_setting_name(name), std::move(*value),
                                   fmt::format("{}:{} (ALTER SYSTEM)", path, number)});
    }
    return parsed;
}

std::vector<OperatorSetting> read_auto_conf(const std::string& data_directory) {
    const auto path = data_directory + "/postgresql.auto.conf";
    const auto text = read_file(path);
    if (!text) {
        if (text.error().sys_errno != ENOENT) {
            log::warning("{}; ALTER SYSTEM values are not known to pgfit",
                         text.error().to_string());
        }
        return {};
    }
    auto parsed = parse_auto_conf(*text, path);
    for (const auto& problem : parsed.problems) {
        log::warning("{}", problem);
    }
    return std::move(parsed.settings);
}

} // namespace pgfit::settings
