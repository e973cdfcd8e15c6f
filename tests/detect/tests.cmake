# One CTest test per fixture tree under tests/fixtures/detect/<case>: the real
# `pgfit detect --root <case> --json`, compared with the case's expected files.
file(GLOB detect_fixture_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/tests/fixtures/detect/*)
foreach(dir ${detect_fixture_dirs})
    if(IS_DIRECTORY ${dir})
        get_filename_component(name ${dir} NAME)
        add_test(NAME "fixture: detect/${name}"
            COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_fixture.sh ${dir})
        set_tests_properties("fixture: detect/${name}" PROPERTIES
            LABELS fixture
            ENVIRONMENT "PGFIT=$<TARGET_FILE:pgfit>")
    endif()
endforeach()
