// Five-field cron schedules (minute hour day-of-month month day-of-week, in UTC): `*`, numbers,
// ranges `a-b`, lists `a,b`, steps `*/n` and `a-b/n`, day-of-week 0-7 (0 and 7 are Sunday), and
// @hourly, @daily, @weekly, @monthly. As in cron, when both day fields are restricted a day
// matching either one matches. Pure: no clock is read here.
#pragma once

#include <bitset>
#include <ctime>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::backup {

struct CronSchedule {
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> days;    // 1-31
    std::bitset<13> months;  // 1-12
    std::bitset<7> weekdays; // 0-6, Sunday 0
    bool any_day = true;     // day-of-month was `*`
    bool any_weekday = true; // day-of-week was `*`
};

// Errors (bad_input, where = `where`) say which field is wrong.
Result<CronSchedule> parse_cron(std::string_view text, std::string_view where);

// Whether the minute of `utc` (seconds ignored) is one of the schedule's.
bool cron_matches(const CronSchedule& schedule, const std::tm& utc);

} // namespace pgfit::backup
