#include <doctest/doctest.h>

#include "cluster/old_layout.hpp"
#include "support/scratch_dir.hpp"

using namespace pgfit::cluster;
using pgfit::test::ScratchDir;

TEST_SUITE("cluster::old_layout_clusters") {

    TEST_CASE("an 18 PGDATA without a cluster finds every old-layout cluster in reach") {
        const ScratchDir root;
        const auto pgdata = root.dir("18/docker");
        root.file("data/PG_VERSION", "15\n");
        root.file("17/docker/PG_VERSION", "17\n");
        root.file("data/18/docker/PG_VERSION", "18\n");
        root.file("16/docker/postgresql.conf", "");  // no PG_VERSION: not a cluster
        root.file("data/19/docker/PG_VERSION", ""); // empty PG_VERSION: not a cluster
        CHECK(old_layout_clusters(pgdata, 18, root.path, {}) ==
              std::vector<std::string>{root.path + "/data", root.path + "/17/docker",
                                       root.path + "/data/18/docker"});
    }

    TEST_CASE("a cluster at the volume root is found") {
        const ScratchDir root;
        root.file("PG_VERSION", "17\n");
        CHECK(old_layout_clusters(root.path + "/18/docker", 18, root.path, {}) ==
              std::vector<std::string>{root.path});
    }

    TEST_CASE("an empty mount at <root>/data is named; one holding a cluster only once") {
        const ScratchDir root;
        root.dir("data");
        const auto pgdata = root.path + "/19/docker";
        CHECK(old_layout_clusters(pgdata, 19, root.path, {"/", root.path + "/data"}) ==
              std::vector<std::string>{root.path + "/data (a mount without a cluster)"});
        CHECK(old_layout_clusters(pgdata, 19, root.path, {"/", root.path}).empty());
        root.file("data/PG_VERSION", "15\n");
        CHECK(old_layout_clusters(pgdata, 19, root.path, {root.path + "/data"}) ==
              std::vector<std::string>{root.path + "/data"});
    }

    TEST_CASE("nothing is refused before 18, for another PGDATA, or once PGDATA has a cluster") {
        const ScratchDir root;
        root.file("data/PG_VERSION", "15\n");
        const std::vector<std::string> mounts{root.path + "/data"};
        CHECK(old_layout_clusters(root.path + "/17/docker", 17, root.path, mounts).empty());
        CHECK(old_layout_clusters(root.path + "/18/main", 18, root.path, mounts).empty());
        CHECK(old_layout_clusters(root.path + "/17/docker", 18, root.path, mounts).empty());
        root.file("18/docker/PG_VERSION", "18\n");
        CHECK(old_layout_clusters(root.path + "/18/docker", 18, root.path, mounts).empty());
    }
}
