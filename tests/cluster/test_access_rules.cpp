// The managed block at the top of pg_hba.conf: what it says, that it replaces only itself, and
// that an unchanged block leaves the file alone.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "../support/scratch_dir.hpp"
#include "cluster/access_rules.hpp"

using namespace pgfit;
using namespace pgfit::cluster;

namespace {

constexpr std::string_view k_operator_lines =
    "local all all trust\nhost all all all scram-sha-256\n";

} // namespace

TEST_SUITE("cluster::access_rules") {
    TEST_CASE("no rule, no block") {
        CHECK(render_access_block({}).empty());
        CHECK(with_access_block(k_operator_lines, "") == k_operator_lines);
    }

    TEST_CASE("a local-only role is refused on every TCP line, replication included") {
        const auto block = render_access_block({{"postgres", "we\"ird"}, false});
        CHECK(block.find("host all \"postgres\" all reject\n") != std::string::npos);
        CHECK(block.find("host replication \"postgres\" all reject\n") != std::string::npos);
        CHECK(block.find("host all \"we\"\"ird\" all reject\n") != std::string::npos);
        CHECK(block.find("hostnossl") == std::string::npos);
    }

    TEST_CASE("TLS required: every TCP login without TLS is refused") {
        const auto block = render_access_block({{}, true});
        CHECK(block.find("hostnossl all all all reject\n") != std::string::npos);
        CHECK(block.find("hostnossl replication all all reject\n") != std::string::npos);
    }

    TEST_CASE("the block goes first and replaces the previous one; the operator's lines stay") {
        const auto tls = render_access_block({{}, true});
        const auto once = with_access_block(k_operator_lines, tls);
        CHECK(once == tls + std::string(k_operator_lines));
        const auto superuser = render_access_block({{"postgres"}, false});
        CHECK(with_access_block(once, superuser) == superuser + std::string(k_operator_lines));
        CHECK(with_access_block(once, "") == k_operator_lines);
    }

    TEST_CASE("apply rewrites pg_hba.conf only when the block changes, keeping it private") {
        test::ScratchDir pgdata;
        const auto hba = pgdata.file("pg_hba.conf", std::string(k_operator_lines));
        CHECK(apply_access_rules(pgdata.path, {}).value() == false);
        CHECK(apply_access_rules(pgdata.path, {{}, true}).value() == true);
        CHECK(read_file(hba).value().starts_with("# pgfit: rules"));
        CHECK(apply_access_rules(pgdata.path, {{}, true}).value() == false);
        struct stat status {};
        REQUIRE(::stat(hba.c_str(), &status) == 0);
        CHECK((status.st_mode & 0777) == 0600);
        CHECK(apply_access_rules(pgdata.path, {}).value() == true);
        CHECK(read_file(hba).value() == k_operator_lines);
    }

    TEST_CASE("a missing pg_hba.conf is an error naming it") {
        test::ScratchDir pgdata;
        const auto applied = apply_access_rules(pgdata.path, {{}, true});
        REQUIRE_FALSE(applied);
        CHECK(applied.error().where == pgdata.path + "/pg_hba.conf");
    }
}
