#include <doctest/doctest.h>

#include "initdb/checksums.hpp"

using namespace pgfit::initdb;
using Words = std::vector<std::string>;

TEST_SUITE("initdb::choose_checksums") {

    TEST_CASE("on by default on every major: 13-17 need the flag, 18 gets it too") {
        for (const unsigned major : {13U, 15U, 17U, 18U}) {
            const auto choice = choose_checksums({"-E", "UTF8"}, true, major);
            CHECK(choice.enabled);
            CHECK(choice.initdb_args == Words{"-E", "UTF8", "--data-checksums"});
        }
    }

    TEST_CASE("PGFIT_DATA_CHECKSUMS=off: 18 is told, earlier majors are off by default") {
        CHECK(choose_checksums({}, false, 18).initdb_args == Words{"--no-data-checksums"});
        CHECK(choose_checksums({}, false, 15).initdb_args.empty());
        CHECK_FALSE(choose_checksums({}, false, 15).enabled);
        CHECK(choose_checksums({}, false, 15).reason == "PGFIT_DATA_CHECKSUMS=off");
    }

    TEST_CASE("POSTGRES_INITDB_ARGS decides, its last choosing word wins") {
        const auto off18 = choose_checksums({"--no-data-checksums"}, true, 18);
        CHECK_FALSE(off18.enabled);
        CHECK(off18.initdb_args == Words{"--no-data-checksums"});
        CHECK(off18.reason == "as POSTGRES_INITDB_ARGS says (--no-data-checksums)");
        const auto on = choose_checksums({"-k"}, false, 15);
        CHECK(on.enabled);
        CHECK(on.initdb_args == Words{"-k"});
        // initdb 15 does not know --no-data-checksums: off is its default, so the words go.
        const auto off15 = choose_checksums({"-k", "--no-data-checksums", "-E", "UTF8"}, true, 15);
        CHECK_FALSE(off15.enabled);
        CHECK(off15.initdb_args == Words{"-E", "UTF8"});
    }
}
