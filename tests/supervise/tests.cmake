# Test harnesses for the PID-1 integration tests (tests/integration/pid1_*.sh, run_*.sh):
#   pgfit_test_pidns   runs a command as PID 1 of a new PID namespace and reports its exact status
#   pgfit_test_payload a child that reports what it got: signals, signal state, descriptors
foreach(harness pidns payload)
    add_executable(pgfit_test_${harness} ${CMAKE_CURRENT_LIST_DIR}/harness/${harness}.cpp)
    target_link_libraries(pgfit_test_${harness} PRIVATE pgfit_settings)
endforeach()
