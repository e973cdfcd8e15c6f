#include "util/json_writer.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pgfit {

namespace {

// Length of the valid UTF-8 sequence starting at text[0], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t code_point = 0;
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (text.size() < length) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        code_point = (code_point << 6) | (byte(i) & 0x3F);
    }
    constexpr char32_t k_smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < k_smallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return 0;
    }
    return length;
}

void append_escaped(std::string& out, std::string_view text) {
    out.push_back('"');
    while (!text.empty()) {
        const char c = text.front();
        const auto code = static_cast<unsigned char>(c);
        std::size_t consumed = 1;
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (code < 0x20 || code == 0x7F) {
            out += fmt::format("\\u{:04x}", code);
        } else if (code < 0x80) {
            out.push_back(c);
        } else if (const std::size_t length = utf8_sequence_length(text); length > 0) {
            out.append(text.substr(0, length));
            consumed = length;
        } else {
            out += "\\ufffd";
        }
        text.remove_prefix(consumed);
    }
    out.push_back('"');
}

} // namespace

std::string json_quote(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

void JsonWriter::new_line() {
    if (m_indent > 0) {
        m_out.push_back('\n');
        m_out.append(m_levels.size() * static_cast<std::size_t>(m_indent), ' ');
    }
}

void JsonWriter::before_value() {
    if (m_after_key || m_levels.empty()) {
        m_after_key = false;
        return;
    }
    Level& level = m_levels.back();
    if (!level.empty) {
        m_out.push_back(',');
    }
    level.empty = false;
    new_line();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_escaped(m_out, name);
    m_out += m_indent > 0 ? ": " : ":";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out.push_back('{');
    m_levels.push_back(Level{true});
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out.push_back('[');
    m_levels.push_back(Level{false});
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool was_empty = m_levels.empty() || m_levels.back().empty;
    if (!m_levels.empty()) {
        m_levels.pop_back();
    }
    if (!was_empty) {
        new_line();
    }
    m_out.push_back(bracket);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    return close('}');
}
JsonWriter& JsonWriter::end_array() {
    return close(']');
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_escaped(m_out, text);
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
    before_value();
    m_out += fmt::format("{}", number);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    m_out += fmt::format("{}", number);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number)) {
        return null();
    }
    before_value();
    m_out += fmt::format("{}", number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

std::string JsonWriter::str() const {
    if (m_levels.empty() && !m_out.empty()) {
        return m_out + "\n";
    }
    return m_out;
}

} // namespace pgfit
