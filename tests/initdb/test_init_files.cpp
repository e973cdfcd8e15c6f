#include <sys/stat.h>

#include <doctest/doctest.h>

#include "initdb/init_files.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::initdb;
using pgfit::test::ScratchDir;
using Names = std::vector<std::string>;

namespace {

Environment env(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

} // namespace

TEST_SUITE("initdb::init_files") {
    TEST_CASE("kinds by suffix") {
        CHECK(kind_of("10_postgis.sh") == InitFileKind::shell);
        CHECK(kind_of("a.sql") == InitFileKind::sql);
        CHECK(kind_of("dump.sql.gz") == InitFileKind::sql_gz);
        CHECK(kind_of("dump.sql.xz") == InitFileKind::sql_xz);
        CHECK(kind_of("dump.sql.zst") == InitFileKind::sql_zst);
        CHECK(kind_of("dump.sql.bz2") == InitFileKind::ignored);
        CHECK(kind_of("README.md") == InitFileKind::ignored);
        CHECK(kind_of("x.SQL") == InitFileKind::ignored); // the official case patterns are exact
    }

    TEST_CASE("under C or POSIX (or no locale) the order is byte order, as bash's glob") {
        const Names names = {"b.sql",    "A.sql",   "01_y.sh", "01.sql",
                             "10_x.sql", "2_x.sql", "01-x.sh", "a.sql"};
        const Names bytes = {"01-x.sh", "01.sql", "01_y.sh", "10_x.sql",
                             "2_x.sql", "A.sql",  "a.sql",   "b.sql"};
        CHECK(sort_like_the_shell(names, env({{"LANG", "C"}})) == bytes);
        CHECK(sort_like_the_shell(names, env({{"LC_ALL", "POSIX"}, {"LANG", "x"}})) == bytes);
        CHECK(sort_like_the_shell(names, Environment()) == bytes);
        CHECK(sort_like_the_shell(names, env({{"LANG", "xx_NOPE.UTF-8"}})) == bytes);
    }

    TEST_CASE("listing: dotfiles skipped, directories ignored, directories one after another") {
        ScratchDir dir;
        dir.file("shipped/02.sql", "");
        dir.file("shipped/01.sh", "");
        dir.file("user/.hidden.sql", "");
        dir.file("user/00.sql.gz", "");
        dir.dir("user/sub.sql");
        ::chmod((dir.path + "/shipped/01.sh").c_str(), 0755);
        auto files =
            list_init_files({dir.path + "/shipped", dir.path + "/missing", dir.path + "/user"},
                            env({{"LANG", "C"}}));
        REQUIRE(files.has_value());
        REQUIRE(files->size() == 4);
        CHECK((*files)[0].path == dir.path + "/shipped/01.sh");
        CHECK((*files)[0].kind == InitFileKind::shell);
        CHECK((*files)[0].executable);
        CHECK((*files)[1].path == dir.path + "/shipped/02.sql");
        CHECK((*files)[2].path == dir.path + "/user/00.sql.gz");
        CHECK((*files)[2].kind == InitFileKind::sql_gz);
        CHECK((*files)[3].path == dir.path + "/user/sub.sql");
        CHECK((*files)[3].kind == InitFileKind::ignored);
    }

    TEST_CASE("a directory that exists but cannot be read fails before anything runs") {
        ScratchDir dir;
        auto files = list_init_files({dir.file("not-a-dir", "")}, Environment());
        REQUIRE_FALSE(files.has_value());
        CHECK(files.error().to_string() ==
              dir.path + "/not-a-dir: cannot read init directory: Not a directory");
    }
}
