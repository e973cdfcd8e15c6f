#include <algorithm>
#include <filesystem>
#include <vector>

#include <doctest/doctest.h>

#include "cluster/pgdata_state.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit;
using namespace pgfit::cluster;
using pgfit::test::ScratchDir;

namespace {

PgdataInspection inspect(const std::string& pgdata) {
    auto inspection = inspect_pgdata(pgdata);
    REQUIRE(inspection.has_value());
    return *inspection;
}

std::vector<std::string> names(const std::string& directory) {
    std::vector<std::string> result;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        result.push_back(entry.path().filename().string());
    }
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

TEST_SUITE("cluster::pgdata_state") {
    TEST_CASE("missing or empty PGDATA (lost+found aside) is a first start") {
        ScratchDir dir;
        CHECK(inspect(dir.path + "/nothing").state == PgdataState::empty);
        CHECK(inspect(dir.path).state == PgdataState::empty);
        dir.dir("lost+found");
        dir.dir("pgfit-incomplete-20260101T000000Z");
        CHECK(inspect(dir.path).state == PgdataState::empty);
    }

    TEST_CASE("other files without PG_VERSION: not empty, naming the first one") {
        ScratchDir dir;
        dir.file("notes.txt", "x");
        dir.file("PG_VERSION", ""); // an empty PG_VERSION is no cluster (official: -s test)
        const auto inspection = inspect(dir.path);
        CHECK(inspection.state == PgdataState::not_empty);
        CHECK(inspection.evidence == "PG_VERSION");
    }

    TEST_CASE("PG_VERSION without a marker: a cluster made by someone else") {
        ScratchDir dir;
        dir.file("PG_VERSION", "15\n");
        CHECK(inspect(dir.path).state == PgdataState::foreign);
    }

    TEST_CASE("the marker decides between complete and half-initialised") {
        ScratchDir dir;
        dir.file("PG_VERSION", "15\n");
        REQUIRE(write_init_marker(dir.path, "in-progress", "started=x\n").has_value());
        auto inspection = inspect(dir.path);
        CHECK(inspection.state == PgdataState::half_initialized);
        CHECK(inspection.evidence == "state=in-progress\nstarted=x");
        REQUIRE(write_init_marker(dir.path, "complete", "finished=y\n").has_value());
        CHECK(inspect(dir.path).state == PgdataState::initialized);
        dir.file(k_marker_name, "garbage");
        CHECK(inspect(dir.path).state == PgdataState::half_initialized);
    }

    TEST_CASE("an in-progress marker without PG_VERSION: interrupted before the cluster existed") {
        ScratchDir dir;
        REQUIRE(write_init_marker(dir.path, "in-progress", "").has_value());
        dir.file(std::string(k_staging_name) + "/base/1", "x");
        CHECK(inspect(dir.path).state == PgdataState::interrupted_early);
        REQUIRE(remove_contents(dir.path).has_value());
        CHECK(names(dir.path).empty());
    }

    TEST_CASE("move_aside keeps PGDATA, lost+found and earlier move-asides") {
        ScratchDir dir;
        dir.file("PG_VERSION", "15\n");
        dir.file("base/1/2", "x");
        dir.dir("lost+found");
        dir.dir("pgfit-incomplete-20200101T000000Z");
        auto aside = move_aside(dir.path);
        REQUIRE(aside.has_value());
        const auto aside_name = std::filesystem::path(*aside).filename().string();
        CHECK(aside_name.starts_with("pgfit-incomplete-"));
        CHECK(aside_name.size() == std::string("pgfit-incomplete-20261122T001259Z").size());
        CHECK(names(dir.path) == std::vector<std::string>{"lost+found",
                                                          "pgfit-incomplete-20200101T000000Z",
                                                          aside_name});
        CHECK(names(*aside) == std::vector<std::string>{"PG_VERSION", "base"});
        CHECK(inspect(dir.path).state == PgdataState::empty);
    }

    TEST_CASE("move_staging_into_place moves everything and removes the staging directory") {
        ScratchDir dir;
        const auto staging = dir.dir(k_staging_name);
        dir.file(std::string(k_staging_name) + "/PG_VERSION", "15\n");
        dir.file(std::string(k_staging_name) + "/global/pg_control", "x");
        REQUIRE(move_staging_into_place(staging, dir.path).has_value());
        CHECK(names(dir.path) == std::vector<std::string>{"PG_VERSION", "global"});
    }
}
