#include "initdb/control_identity.hpp"

#include <cstring>
#include <set>

#include "server/controldata.hpp"
#include "util/crc32c.hpp"
#include "util/strings.hpp"

namespace pgfit::initdb {

namespace {

constexpr std::size_t k_crc_size = sizeof(std::uint32_t);

std::optional<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    };
    std::string bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = digit(hex[i]);
        const int low = digit(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

std::string bytes_of(std::uint64_t value) {
    std::string bytes(sizeof value, '\0');
    std::memcpy(bytes.data(), &value, sizeof value);
    return bytes;
}

std::uint32_t stored_crc(std::string_view control, std::size_t offset) {
    std::uint32_t crc = 0;
    std::memcpy(&crc, control.data() + offset, sizeof crc);
    return crc;
}

// The one offset of `needle` in `haystack`; nullopt when it is absent or there twice.
std::optional<std::size_t> only_offset(std::string_view haystack, std::string_view needle) {
    const auto first = haystack.find(needle);
    if (first == std::string_view::npos ||
        haystack.find(needle, first + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    return first;
}

} // namespace

Result<ControlIdentity> parse_controldata_identity(std::string_view output) {
    const auto system_identifier = server::controldata_field(output, "Database system identifier");
    const auto parsed = system_identifier ? parse_uint64(*system_identifier) : std::nullopt;
    if (!parsed) {
        return fail("pg_controldata", "no 'Database system identifier:' number in its output");
    }
    const auto nonce_hex = server::controldata_field(output, "Mock authentication nonce");
    auto nonce = nonce_hex ? from_hex(*nonce_hex) : std::nullopt;
    if (!nonce || nonce->empty()) {
        return fail("pg_controldata", "no 'Mock authentication nonce:' in hex in its output");
    }
    return ControlIdentity{*parsed, std::move(*nonce)};
}

Result<ControlLayout> find_control_layout(std::string_view control,
                                          const ControlIdentity& identity) {
    ControlLayout layout;
    const auto system_identifier = only_offset(control, bytes_of(identity.system_identifier));
    if (!system_identifier) {
        return fail("pg_control", "the system identifier {} is not in it exactly once",
                    identity.system_identifier);
    }
    const auto nonce = only_offset(control, identity.nonce);
    if (!nonce) {
        return fail("pg_control", "the mock authentication nonce is not in it exactly once");
    }
    layout.system_identifier = *system_identifier;
    layout.nonce = *nonce;
    layout.nonce_length = identity.nonce.size();
    // The CRC follows everything it covers, the nonce included, at a 4-byte boundary.
    for (std::size_t offset = (*nonce + identity.nonce.size() + 3) / 4 * 4;
         offset + k_crc_size <= control.size(); offset += 4) {
        if (crc32c(control.substr(0, offset)) == stored_crc(control, offset)) {
            layout.crc = offset;
            return layout;
        }
    }
    return fail("pg_control", "no CRC-32C of the bytes before it after the nonce");
}

std::string format_control_layout(const ControlLayout& layout) {
    return fmt::format("system_identifier {}\nnonce {}\nnonce_length {}\ncrc {}\n",
                       layout.system_identifier, layout.nonce, layout.nonce_length, layout.crc);
}

Result<ControlLayout> parse_control_layout(std::string_view text, const std::string& source) {
    ControlLayout layout;
    const std::pair<std::string_view, std::size_t*> fields[] = {
        {"system_identifier", &layout.system_identifier},
        {"nonce", &layout.nonce},
        {"nonce_length", &layout.nonce_length},
        {"crc", &layout.crc},
    };
    std::set<std::string_view> seen;
    for (const auto line : split(text, '\n')) {
        if (line.empty()) {
            continue;
        }
        const auto space = line.find(' ');
        const auto value =
            space == std::string_view::npos ? std::nullopt : parse_uint64(line.substr(space + 1));
        bool known = false;
        for (const auto& [name, slot] : fields) {
            if (value && line.substr(0, space) == name) {
                if (!seen.insert(name).second) {
                    return fail(source, "'{}' is in it twice", name);
                }
                *slot = static_cast<std::size_t>(*value);
                known = true;
            }
        }
        if (!known) {
            return fail(source, "'{}' is not a 'name offset' line of a control layout", line);
        }
    }
    if (seen.size() != std::size(fields)) {
        return fail(source, "a control layout needs {} lines, it has {}", std::size(fields),
                    seen.size());
    }
    return layout;
}

Result<std::string> with_identity(std::string control, const ControlLayout& layout,
                                  const ControlIdentity& identity) {
    if (layout.crc + k_crc_size > control.size() ||
        layout.system_identifier + sizeof identity.system_identifier > layout.crc ||
        layout.nonce + layout.nonce_length > layout.crc) {
        return fail("pg_control", "{} bytes do not fit its recorded layout", control.size());
    }
    if (crc32c(std::string_view(control).substr(0, layout.crc)) !=
        stored_crc(control, layout.crc)) {
        return fail("pg_control",
                    "its CRC does not check at offset {}: not the layout recorded "
                    "for it",
                    layout.crc);
    }
    if (identity.nonce.size() != layout.nonce_length) {
        return fail("pg_control", "a nonce of {} bytes for a field of {}", identity.nonce.size(),
                    layout.nonce_length);
    }
    control.replace(layout.system_identifier, sizeof identity.system_identifier,
                    bytes_of(identity.system_identifier));
    control.replace(layout.nonce, layout.nonce_length, identity.nonce);
    const std::uint32_t crc = crc32c(std::string_view(control).substr(0, layout.crc));
    std::memcpy(control.data() + layout.crc, &crc, sizeof crc);
    return control;
}

} // namespace pgfit::initdb
