# Test harnesses for the integration tests (the launcher tests/integration/lib/pgfit_pid1.sh):
#   pgfit_test_pidns   runs a command as PID 1 of a new PID and mount namespace (--bind for volumes)
#                      and reports its exact status
#   pgfit_test_payload a child that reports what it got: signals, signal state, descriptors
# Never sanitized: after unshare(CLONE_NEWPID) the harness cannot fork once its namespace's
# init has exited, so LeakSanitizer's tracer (a fork at exit) would fail; and the payload
# must start with the state pgfit gave it, not with a sanitizer's signal handlers.
foreach(harness pidns payload)
    add_executable(pgfit_test_${harness} ${CMAKE_CURRENT_LIST_DIR}/harness/${harness}.cpp)
    target_compile_features(pgfit_test_${harness} PRIVATE cxx_std_20)
    target_compile_options(pgfit_test_${harness} PRIVATE -Wall -Wextra -Wpedantic -Werror)
endforeach()
