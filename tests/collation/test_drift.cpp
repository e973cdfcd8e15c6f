#include <doctest/doctest.h>

#include "collation/drift.hpp"
#include "collation/library_key.hpp"

using namespace pgfit::collation;

TEST_SUITE("collation::drift") {

    TEST_CASE("rows of the catalog query: drifted ones, a library without versions never") {
        const auto databases = parse_databases({{"app", "2.36", "2.41", "t"},
                                                {"postgres", "2.41", "2.41", "t"},
                                                {"template0", "2.36", "2.41", "f"},
                                                {"c_locale", "", std::nullopt, "t"},
                                                {"short row"}});
        REQUIRE(databases.size() == 4);
        const auto found = drifted(databases);
        REQUIRE(found.size() == 2);
        CHECK(found[0].name == "app");
        CHECK(found[1].name == "template0");
        CHECK_FALSE(found[1].connectable);
    }

    TEST_CASE("commands quote the name exactly, keywords and quotes included") {
        const DatabaseCollation odd{"My \"Db\"", "2.36", "2.41", true};
        CHECK(reindex_command(odd) == R"(REINDEX DATABASE "My ""Db""")");
        CHECK(refresh_command({"user", "1", "2", true}) ==
              R"(ALTER DATABASE "user" REFRESH COLLATION VERSION)");
    }

    TEST_CASE("the warning names both versions and the commands in order") {
        CHECK(drift_warning({"app", "2.36", "2.41", true}) ==
              R"(database "app": its collation version 2.36 was recorded under another C or ICU library, which now reports 2.41; indexes on text may be corrupt (rows not found, duplicates in unique indexes). Fix: connected to it, REINDEX DATABASE "app"; then ALTER DATABASE "app" REFRESH COLLATION VERSION; or start once with PGFIT_REFRESH_COLLATION=reindex, which does it before accepting connections)");
        CHECK(drift_warning({"template0", "2.36", "2.41", false}).find(
                  R"(Fix: ALTER DATABASE "template0" REFRESH COLLATION VERSION; (it allows no connections)") !=
              std::string::npos);
    }

    TEST_CASE("the library key names this machine's glibc") {
        CHECK(library_key().starts_with("glibc 2."));
    }
}
