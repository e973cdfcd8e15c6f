// CRC-32C (Castagnoli), the checksum PostgreSQL keeps over its pg_control file. Written here, a
// table and a loop: no library pgfit builds with computes it, and the one Debian package that
// does (ISA-L) would add a shared library to the image for a few hundred bytes checked once per
// new cluster.
#pragma once

#include <cstdint>
#include <string_view>

namespace pgfit {

std::uint32_t crc32c(std::string_view bytes);

} // namespace pgfit
