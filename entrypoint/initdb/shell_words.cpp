#include "initdb/shell_words.hpp"

namespace pgfit::initdb {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

// Inside double quotes a backslash only escapes these (POSIX "Double-Quotes").
bool escapable_in_double_quotes(char c) {
    return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
}

} // namespace

Result<std::vector<std::string>> split_shell_words(std::string_view text, std::string_view origin) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    std::size_t i = 0;
    const auto unterminated = [&](char quote) {
        return fail(std::string(origin), "unterminated {} quote in '{}'; quote each value fully",
                    quote == '\'' ? "single" : "double", text);
    };
    while (i < text.size()) {
        const char c = text[i];
        if (is_blank(c)) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
            ++i;
            continue;
        }
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
            i += 2; // backslash-newline joins lines and makes no word of its own
            continue;
        }
        in_word = true;
        if (c == '\'') {
            const auto end = text.find('\'', i + 1);
            if (end == std::string_view::npos) {
                return unterminated('\'');
            }
            word.append(text.substr(i + 1, end - i - 1));
            i = end + 1;
        } else if (c == '"') {
            ++i;
            while (i < text.size() && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < text.size() &&
                    escapable_in_double_quotes(text[i + 1])) {
                    if (text[i + 1] != '\n') {
                        word.push_back(text[i + 1]);
                    }
                    i += 2;
                } else {
                    word.push_back(text[i++]);
                }
            }
            if (i >= text.size()) {
                return unterminated('"');
            }
            ++i;
        } else if (c == '\\') {
            if (i + 1 >= text.size()) {
                word.push_back('\\'); // as bash: a trailing backslash is literal
                ++i;
            } else {
                word.push_back(text[i + 1]);
                i += 2;
            }
        } else {
            word.push_back(c);
            ++i;
        }
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

} // namespace pgfit::initdb
