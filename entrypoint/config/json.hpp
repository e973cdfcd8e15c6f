// A small JSON writer for pgfit's own output: objects, strings, integers and booleans, keys in
// the order written. Strings are escaped per RFC 8259.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pgfit::config {

class JsonWriter {
public:
    JsonWriter& begin_object(std::string_view key = {});
    JsonWriter& end_object();
    JsonWriter& begin_array(std::string_view key = {});
    JsonWriter& end_array();
    JsonWriter& string(std::string_view key, std::string_view value);
    JsonWriter& integer(std::string_view key, std::uint64_t value);
    JsonWriter& boolean(std::string_view key, bool value);
    JsonWriter& null(std::string_view key);

    // The document, with a trailing newline.
    std::string str() const { return m_text + "\n"; }

    static std::string quote(std::string_view text);

private:
    void prefix(std::string_view key);

    std::string m_text;
    bool m_first = true;
    int m_depth = 0;
};

} // namespace pgfit::config
