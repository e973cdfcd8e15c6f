#include <doctest/doctest.h>

#include "config/run_options.hpp"
#include "config/values.hpp"

using namespace pgfit;
using namespace pgfit::config;
using namespace std::chrono_literals;

TEST_SUITE("config::run_options") {
    TEST_CASE("defaults: no smart phase, 8 s to immediate, supervised, autoconfig on") {
        const auto options = read_run_options(Environment{});
        REQUIRE(options);
        CHECK(options->stop.smart_timeout == 0ms);
        CHECK(options->stop.stop_timeout == 8000ms);
        CHECK_FALSE(options->exec);
        CHECK_FALSE(options->skip_autoconfig);
        CHECK_FALSE(options->trace);
    }

    TEST_CASE("every variable read") {
        Environment environment;
        environment.set("PGFIT_SMART_TIMEOUT", "2.5");
        environment.set("PGFIT_STOP_TIMEOUT", "25s");
        environment.set("PGFIT_EXEC", "TRUE");
        environment.set("POSTGRES_SKIP_AUTOCONFIG", "yes");
        environment.set("PGFIT_TRACE", "1");
        const auto options = read_run_options(environment);
        REQUIRE(options);
        CHECK(options->stop.smart_timeout == 2500ms);
        CHECK(options->stop.stop_timeout == 25000ms);
        CHECK(options->exec);
        CHECK(options->skip_autoconfig);
        CHECK(options->trace);
    }

    TEST_CASE("durations") {
        CHECK(parse_duration("8", "X").value() == 8000ms);
        CHECK(parse_duration("0", "X").value() == 0ms);
        CHECK(parse_duration(".5", "X").value() == 500ms);
        CHECK(parse_duration("500ms", "X").value() == 500ms);
        CHECK(parse_duration(" 2 s ", "X").value() == 2000ms);
        CHECK(parse_duration("1min", "X").value() == 60000ms);
        CHECK(parse_duration("2.0004", "X").value() == 2000ms);
        CHECK(parse_duration("2.0006s", "X").value() == 2001ms);
        CHECK(parse_duration("0.25ms", "X").value() == 0ms);
        for (const char* bad : {"", "-1", "8 seconds", "1h", "abc", "1e3", "86401"}) {
            CAPTURE(bad);
            const auto parsed = parse_duration(bad, "PGFIT_STOP_TIMEOUT");
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().to_string() ==
                  fmt::format("PGFIT_STOP_TIMEOUT: '{}' is not a duration; use seconds (8, 2.5) "
                              "or a number with ms, s or min (500ms, 8s, 1min), at most a day",
                              bad));
        }
    }

    TEST_CASE("switches") {
        for (const char* yes : {"true", "1", "Yes", "ON"}) {
            CHECK(parse_switch(yes, "X").value());
        }
        for (const char* no : {"false", "0", "no", "Off"}) {
            CHECK_FALSE(parse_switch(no, "X").value());
        }
        const auto bad = parse_switch("maybe", "PGFIT_EXEC");
        REQUIRE_FALSE(bad);
        CHECK(bad.error().to_string() ==
              "PGFIT_EXEC: 'maybe' is not a switch; use true or false (also 1/0, yes/no, on/off)");
    }

    TEST_CASE("a bad variable is an error naming it; empty means unset") {
        Environment environment;
        environment.set("PGFIT_EXEC", "");
        environment.set("PGFIT_SMART_TIMEOUT", "soon");
        const auto options = read_run_options(environment);
        REQUIRE_FALSE(options);
        CHECK(options.error().where == "PGFIT_SMART_TIMEOUT");
    }
}
