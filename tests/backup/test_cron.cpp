#include <doctest/doctest.h>

#include "backup/cron.hpp"

using namespace pgfit;
using namespace pgfit::backup;

namespace {

// 2026-12-04 was a Friday.
std::tm at(int day, int hour, int minute, int weekday, int month = 12) {
    std::tm tm{};
    tm.tm_year = 126;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_wday = weekday;
    return tm;
}

bool matches(const char* text, const std::tm& tm) {
    const auto schedule = parse_cron(text, "PGFIT_BACKUP_FULL_SCHEDULE");
    REQUIRE(schedule);
    return cron_matches(*schedule, tm);
}

} // namespace

TEST_SUITE("backup::cron") {
    TEST_CASE("fields, ranges, lists and steps") {
        CHECK(matches("* * * * *", at(4, 23, 17, 5)));
        CHECK(matches("30 1 * * *", at(4, 1, 30, 5)));
        CHECK_FALSE(matches("30 1 * * *", at(4, 1, 31, 5)));
        CHECK(matches("*/15 * * * *", at(4, 3, 45, 5)));
        CHECK_FALSE(matches("*/15 * * * *", at(4, 3, 44, 5)));
        CHECK(matches("5/20 * * * *", at(4, 3, 45, 5)));
        CHECK(matches("0 9-17/4 * * *", at(4, 13, 0, 5)));
        CHECK_FALSE(matches("0 9-17/4 * * *", at(4, 12, 0, 5)));
        CHECK(matches("0 0 1,15 * *", at(15, 0, 0, 2)));
        CHECK_FALSE(matches("0 0 * 1-6 *", at(15, 0, 0, 2)));
    }

    TEST_CASE("day of week: 0 and 7 are Sunday; both day fields restricted means either") {
        CHECK(matches("0 2 * * 0", at(6, 2, 0, 0)));
        CHECK(matches("0 2 * * 7", at(6, 2, 0, 0)));
        CHECK_FALSE(matches("0 2 * * 1-5", at(6, 2, 0, 0)));
        CHECK(matches("0 2 13 * 5", at(4, 2, 0, 5))); // a Friday, not the 13th
        CHECK(matches("0 2 4 * 1", at(4, 2, 0, 5)));  // the 4th, not a Monday
        CHECK_FALSE(matches("0 2 5 * 1", at(4, 2, 0, 5)));
    }

    TEST_CASE("macros") {
        CHECK(matches("@daily", at(4, 0, 0, 5)));
        CHECK_FALSE(matches("@daily", at(4, 1, 0, 5)));
        CHECK(matches("@hourly", at(4, 7, 0, 5)));
        CHECK(matches("@weekly", at(6, 0, 0, 0)));
        CHECK(matches("@monthly", at(1, 0, 0, 2)));
    }

    TEST_CASE("malformed schedules name the variable and the field") {
        for (const char* bad :
             {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
              "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "1,,2 * * * *", "@yearly"}) {
            CAPTURE(bad);
            const auto schedule = parse_cron(bad, "PGFIT_BACKUP_DIFF_SCHEDULE");
            REQUIRE_FALSE(schedule);
            CHECK(schedule.error().kind == ErrorKind::bad_input);
            CHECK(schedule.error().where == "PGFIT_BACKUP_DIFF_SCHEDULE");
        }
        const auto minute = parse_cron("61 * * * *", "X");
        REQUIRE_FALSE(minute);
        CHECK(minute.error().message.find("minute field '61'") != std::string::npos);
    }
}
