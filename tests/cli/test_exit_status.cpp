#include <doctest/doctest.h>

#include "cli/exit_status.hpp"

using namespace pgfit;

TEST_SUITE("cli::exit_code_for") {
    TEST_CASE("each kind of error has its exit code") {
        CHECK(cli::exit_code_for(Error{"x", "failed"}) == 1);
        CHECK(cli::exit_code_for(bad_input("POSTGRES_MEMORY", "bad").error) == 2);
        CHECK(cli::exit_code_for(official("error: both ...").error) == 1);
        CHECK(cli::exit_code_for(stopped(15, "stop requested").error) == 143);
        Error missing{"postgres", "cannot find the postgres program"};
        missing.kind = ErrorKind::not_found;
        CHECK(cli::exit_code_for(missing) == 127);
    }

    TEST_CASE("exit_status passes a value through") {
        CHECK(cli::exit_status(Result<int>(3)) == 3);
    }
}
