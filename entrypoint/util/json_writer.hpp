// A small JSON writer for pgfit's machine-readable output (`detect --json`, `plan --json`).
// Keys come out in the order they are written, so output is stable and can be compared with a
// file. Strings are escaped per RFC 8259; bytes that are not valid UTF-8 become U+FFFD so the
// output is always valid JSON, whatever a path or a file contained.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgfit {

class JsonWriter {
public:
    // indent = 0: everything on one line; otherwise that many spaces per nesting level.
    explicit JsonWriter(int indent = 2) : m_indent(indent) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    // Inside an object, every value is preceded by its key.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    // Shortest form that reads back the same double (1.5, 2, 0.25); NaN and infinities are null.
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // The value, or null when empty.
    template <typename T>
    JsonWriter& value(const std::optional<T>& maybe) {
        return maybe ? value(*maybe) : null();
    }

    // The document so far, with a final newline when the outermost value is complete.
    std::string str() const;

private:
    struct Level {
        bool is_object;
        bool empty = true;
    };
    void before_value();
    void new_line();
    JsonWriter& close(char bracket);

    int m_indent;
    std::string m_out;
    std::vector<Level> m_levels;
    bool m_after_key = false;
};

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

} // namespace pgfit
