#include <doctest/doctest.h>

#include "initdb/base_conf.hpp"
#include "util/file.hpp"

using namespace pgfit;
using namespace pgfit::initdb;

TEST_SUITE("initdb::base_conf") {
    TEST_CASE("the built-in copy is conf/postgresql-base.conf") {
        auto file = read_file(std::string(PGFIT_SOURCE_DIR) + "/conf/postgresql-base.conf");
        REQUIRE(file.has_value());
        CHECK(*file == builtin_base_conf());
        CHECK(builtin_base_conf().find("\nlisten_addresses = '*'\n") != std::string_view::npos);
    }

    TEST_CASE("an installed file wins over the built-in copy") {
        CHECK(*load_base_conf("/nonexistent/base.conf") == builtin_base_conf());
        CHECK(*load_base_conf(std::string(PGFIT_SOURCE_DIR) + "/conf/postgresql-base.conf") ==
              builtin_base_conf());
    }
}
