# Real client libraries against the image, beside the e2e tests (tests/e2e/clients_*.sh cover
# psql, pg_isready and pgbench). One ctest test per language suite: a runner script in this
# folder, the suite's project in the folder of the same name. They use the e2e fixture's image
# and engine, so they carry the e2e label and its fixture.
set(pgfit_clients_dir ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME "e2e: clients_node" COMMAND bash ${pgfit_clients_dir}/node.sh)
set_tests_properties("e2e: clients_node" PROPERTIES
    LABELS e2e TIMEOUT 1200 SKIP_RETURN_CODE 77
    FIXTURES_REQUIRED pgfit_docker RESOURCE_LOCK docker
    ENVIRONMENT "PGFIT=$<TARGET_FILE:pgfit>;PGFIT_SOURCE_DIR=${PROJECT_SOURCE_DIR};PGFIT_BUILD_DIR=${PROJECT_BINARY_DIR}")
