# The Docker end-to-end tests share one engine and one image, built once per ctest run by the
# fixture `pgfit_docker`: fixture/setup.sh starts dockerd when none answers (and remembers
# that it did), builds the offline base and the image; fixture/teardown.sh stops only a dockerd
# the setup started. State lives in ${PROJECT_BINARY_DIR}/e2e.
set(pgfit_e2e_dir ${CMAKE_CURRENT_LIST_DIR})
set(pgfit_e2e_environment
    "PGFIT=$<TARGET_FILE:pgfit>;PGFIT_SOURCE_DIR=${PROJECT_SOURCE_DIR};PGFIT_BUILD_DIR=${PROJECT_BINARY_DIR}")

add_test(NAME "e2e: fixture setup (dockerd, offline base, image)"
         COMMAND bash ${pgfit_e2e_dir}/fixture/setup.sh)
set_tests_properties("e2e: fixture setup (dockerd, offline base, image)" PROPERTIES
    FIXTURES_SETUP pgfit_docker LABELS e2e TIMEOUT 3000 ENVIRONMENT "${pgfit_e2e_environment}")

add_test(NAME "e2e: fixture teardown" COMMAND bash ${pgfit_e2e_dir}/fixture/teardown.sh)
set_tests_properties("e2e: fixture teardown" PROPERTIES
    FIXTURES_CLEANUP pgfit_docker LABELS e2e TIMEOUT 120 ENVIRONMENT "${pgfit_e2e_environment}")

file(GLOB pgfit_e2e_scripts CONFIGURE_DEPENDS ${pgfit_e2e_dir}/*.sh)
foreach(script ${pgfit_e2e_scripts})
    get_filename_component(name ${script} NAME_WE)
    set_tests_properties("e2e: ${name}" PROPERTIES FIXTURES_REQUIRED pgfit_docker RESOURCE_LOCK docker)
endforeach()
