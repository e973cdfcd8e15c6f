#include <cstring>

#include <doctest/doctest.h>

#include "initdb/control_identity.hpp"
#include "util/crc32c.hpp"

using namespace pgfit::initdb;

namespace {

constexpr std::uint64_t k_system_identifier = 0x6B1F2E3D4C5B6A79ULL;
constexpr std::size_t k_nonce_at = 256;
constexpr std::size_t k_crc_at = 288;

std::string nonce_of(char first) {
    std::string nonce;
    for (int i = 0; i < 32; ++i) {
        nonce.push_back(static_cast<char>(first + i));
    }
    return nonce;
}

std::uint32_t crc_at(const std::string& control, std::size_t offset) {
    std::uint32_t crc = 0;
    std::memcpy(&crc, control.data() + offset, sizeof crc);
    return crc;
}

// A pg_control as PostgreSQL 15 lays it out: the identifier first, the nonce, the CRC of all
// before it, zeros up to 8 kB.
std::string control_file(std::uint64_t system_identifier, const std::string& nonce) {
    std::string control(8192, '\0');
    std::memcpy(control.data(), &system_identifier, sizeof system_identifier);
    control.replace(8, 5, "\x0f\x01\x00\x00\x01", 5); // other fields
    control.replace(k_nonce_at, nonce.size(), nonce);
    const std::uint32_t crc = pgfit::crc32c(std::string_view(control).substr(0, k_crc_at));
    std::memcpy(control.data() + k_crc_at, &crc, sizeof crc);
    return control;
}

} // namespace

TEST_SUITE("initdb::control_identity") {

    TEST_CASE("pg_controldata's identity lines, in hex for the nonce") {
        const auto identity = parse_controldata_identity(
            "pg_control version number:            1300\n"
            "Database system identifier:           7715744026838767041\n"
            "Mock authentication nonce:            "
            "cfafcfe633fed100ac4aefe95e1ca92a221af11cd077f15f8c12fde82d86c868\n");
        REQUIRE(identity);
        CHECK(identity->system_identifier == 7715744026838767041ULL);
        REQUIRE(identity->nonce.size() == 32);
        CHECK(static_cast<unsigned char>(identity->nonce[0]) == 0xcf);
        CHECK(static_cast<unsigned char>(identity->nonce[31]) == 0x68);
        const auto missing = parse_controldata_identity("Database system identifier: 1\n");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().to_string() ==
              "pg_controldata: no 'Mock authentication nonce:' in hex in its output");
        CHECK_FALSE(parse_controldata_identity("Database system identifier: x\n"));
    }

    TEST_CASE("the layout is found from the identity, the CRC after the nonce") {
        const auto control = control_file(k_system_identifier, nonce_of('A'));
        const auto layout = find_control_layout(control, {k_system_identifier, nonce_of('A')});
        REQUIRE(layout);
        CHECK(*layout == ControlLayout{0, k_nonce_at, 32, k_crc_at});
        const auto text = format_control_layout(*layout);
        CHECK(text == "system_identifier 0\nnonce 256\nnonce_length 32\ncrc 288\n");
        const auto parsed = parse_control_layout(text, "control-layout");
        REQUIRE(parsed);
        CHECK(*parsed == *layout);
    }

    TEST_CASE("an identity that is not in the file, or not once, is no layout") {
        const auto control = control_file(k_system_identifier, nonce_of('A'));
        CHECK_FALSE(find_control_layout(control, {k_system_identifier + 1, nonce_of('A')}));
        CHECK_FALSE(find_control_layout(control, {k_system_identifier, nonce_of('B')}));
        auto twice = control;
        twice.replace(4000, 32, nonce_of('A'));
        const auto ambiguous = find_control_layout(twice, {k_system_identifier, nonce_of('A')});
        REQUIRE_FALSE(ambiguous);
        CHECK(ambiguous.error().to_string() ==
              "pg_control: the mock authentication nonce is not in it exactly once");
        auto no_crc = control;
        no_crc[k_crc_at] ^= 1;
        CHECK_FALSE(find_control_layout(no_crc, {k_system_identifier, nonce_of('A')}));
    }

    TEST_CASE("a new identity is written where the layout says, with a CRC that checks") {
        const auto control = control_file(k_system_identifier, nonce_of('A'));
        const ControlLayout layout{0, k_nonce_at, 32, k_crc_at};
        const auto rewritten = with_identity(control, layout, {42, nonce_of('a')});
        REQUIRE(rewritten);
        CHECK(*rewritten == control_file(42, nonce_of('a')));
        CHECK(crc_at(*rewritten, k_crc_at) ==
              pgfit::crc32c(std::string_view(*rewritten).substr(0, k_crc_at)));
        CHECK(crc_at(*rewritten, k_crc_at) != crc_at(control, k_crc_at));
    }

    TEST_CASE("a file that does not fit the layout is left alone") {
        const auto control = control_file(k_system_identifier, nonce_of('A'));
        const auto moved =
            with_identity(control, {0, k_nonce_at, 32, k_crc_at + 4}, {42, nonce_of('a')});
        REQUIRE_FALSE(moved);
        CHECK(moved.error().to_string() ==
              "pg_control: its CRC does not check at offset 292: not the layout recorded for it");
        CHECK_FALSE(with_identity(control.substr(0, 100), {0, k_nonce_at, 32, k_crc_at},
                                  {42, nonce_of('a')}));
        CHECK_FALSE(with_identity(control, {0, k_nonce_at, 32, k_crc_at}, {42, "short"}));
    }

    TEST_CASE("a layout file with a missing or unknown line is an error naming it") {
        CHECK_FALSE(parse_control_layout("system_identifier 0\nnonce 256\ncrc 288\n", "f"));
        const auto twice =
            parse_control_layout("nonce 256\nnonce 256\nnonce_length 32\ncrc 288\n", "f");
        REQUIRE_FALSE(twice);
        CHECK(twice.error().to_string() == "f: 'nonce' is in it twice");
        const auto unknown = parse_control_layout("system_identifier 0\nsize 9\n", "f");
        REQUIRE_FALSE(unknown);
        CHECK(unknown.error().to_string() ==
              "f: 'size 9' is not a 'name offset' line of a control layout");
    }
}
