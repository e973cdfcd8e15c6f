#include "util/crc32c.hpp"

#include <array>

namespace pgfit {

namespace {

constexpr std::uint32_t k_reflected_polynomial = 0x82F63B78;

constexpr std::array<std::uint32_t, 256> make_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t byte = 0; byte < table.size(); ++byte) {
        std::uint32_t crc = byte;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1U) != 0 ? (crc >> 1) ^ k_reflected_polynomial : crc >> 1;
        }
        table[byte] = crc;
    }
    return table;
}

constexpr auto k_table = make_table();

} // namespace

std::uint32_t crc32c(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFF;
    for (const char c : bytes) {
        crc = k_table[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFF;
}

} // namespace pgfit
