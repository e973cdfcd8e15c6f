#include "config/json.hpp"

#include <fmt/format.h>

namespace pgfit::config {

std::string JsonWriter::quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

void JsonWriter::prefix(std::string_view key) {
    if (m_depth > 0) {
        m_text += m_first ? "\n" : ",\n";
        m_text.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    }
    if (!key.empty()) {
        m_text += quote(key) + ": ";
    }
    m_first = false;
}

JsonWriter& JsonWriter::begin_object(std::string_view key) {
    prefix(key);
    m_text += "{";
    ++m_depth;
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    --m_depth;
    if (!m_first) {
        m_text += '\n';
        m_text.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    }
    m_text += "}";
    m_first = false;
    return *this;
}

JsonWriter& JsonWriter::begin_array(std::string_view key) {
    prefix(key);
    m_text += "[";
    ++m_depth;
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    --m_depth;
    if (!m_first) {
        m_text += '\n';
        m_text.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    }
    m_text += "]";
    m_first = false;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view key, std::string_view value) {
    prefix(key);
    m_text += quote(value);
    return *this;
}

JsonWriter& JsonWriter::integer(std::string_view key, std::uint64_t value) {
    prefix(key);
    m_text += std::to_string(value);
    return *this;
}

JsonWriter& JsonWriter::boolean(std::string_view key, bool value) {
    prefix(key);
    m_text += value ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null(std::string_view key) {
    prefix(key);
    m_text += "null";
    return *this;
}

} // namespace pgfit::config
