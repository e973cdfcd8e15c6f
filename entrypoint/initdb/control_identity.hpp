// A cluster's identity in its pg_control file: the system identifier (streaming replication,
// pg_rewind and pgBackRest tell clusters apart by it; two clusters sharing one could mix their
// WAL in one backup stanza unnoticed) and the mock authentication nonce (the salt the server
// makes up for a role that does not exist; one known from a public image would tell anybody
// which role names are real). initdb draws both at random; a cluster copied from the image's
// template (initdb/template_cluster.hpp) gets new ones here, before pg_resetwal rewrites its WAL.
// Where they sit in pg_control differs between majors, so pgfit does not assume a layout: when
// the image is built it finds the template's own identity, as pg_controldata prints it, in the
// template's pg_control, and records the offsets (ControlLayout) beside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::initdb {

struct ControlIdentity {
    std::uint64_t system_identifier = 0;
    std::string nonce; // raw bytes (pg_controldata prints them in hex)
};

struct ControlLayout {
    std::size_t system_identifier = 0; // 8 bytes in the host's byte order
    std::size_t nonce = 0;
    std::size_t nonce_length = 0;
    std::size_t crc = 0; // CRC-32C of every byte before it

    bool operator==(const ControlLayout&) const = default;
};

// The identity pg_controldata printed ("Database system identifier:", "Mock authentication
// nonce:"). Error (where = pg_controldata): a line is missing or malformed.
Result<ControlIdentity> parse_controldata_identity(std::string_view output);

// Where `identity` and the CRC are in `control`, each found exactly once. Error (where =
// pg_control) names what is missing or ambiguous.
Result<ControlLayout> find_control_layout(std::string_view control,
                                          const ControlIdentity& identity);

// The layout as "name offset" lines, and back. Error (where = `source`): a bad line.
std::string format_control_layout(const ControlLayout& layout);
Result<ControlLayout> parse_control_layout(std::string_view text, const std::string& source);

// `control` with `identity` written where `layout` says and its CRC recomputed. Error (where =
// pg_control): the file is too short for the layout, its CRC does not check at the layout's
// offset (not the template's kind of file), or the nonce has another length.
Result<std::string> with_identity(std::string control, const ControlLayout& layout,
                                  const ControlIdentity& identity);

} // namespace pgfit::initdb
