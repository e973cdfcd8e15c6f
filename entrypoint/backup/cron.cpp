#include "backup/cron.hpp"

#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "util/strings.hpp"

namespace pgfit::backup {

namespace {

struct Field {
    const char* name;
    int low;
    int high;
};

constexpr std::array<Field, 5> k_fields{{{"minute", 0, 59},
                                         {"hour", 0, 23},
                                         {"day of month", 1, 31},
                                         {"month", 1, 12},
                                         {"day of week", 0, 7}}};

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::optional<int> number(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

// The values of one field as a set of flags indexed by value; nullopt when malformed.
std::optional<std::vector<bool>> parse_field(std::string_view text, const Field& field) {
    std::vector<bool> set(static_cast<std::size_t>(field.high) + 1, false);
    for (const auto item : split(text, ',')) {
        const auto slash = item.find('/');
        const auto range = item.substr(0, slash);
        int step = 1;
        if (slash != std::string_view::npos) {
            const auto parsed = number(item.substr(slash + 1));
            if (!parsed || *parsed < 1) {
                return std::nullopt;
            }
            step = *parsed;
        }
        int low = field.low;
        int high = field.high;
        if (range != "*") {
            const auto dash = range.find('-');
            const auto first = number(range.substr(0, dash));
            const auto last =
                dash == std::string_view::npos ? first : number(range.substr(dash + 1));
            if (!first || !last || *first > *last || *first < field.low || *last > field.high) {
                return std::nullopt;
            }
            low = *first;
            // `5/15` means 5, 20, 35, 50 as in cron: a single start with a step runs to the end.
            high = (dash == std::string_view::npos && slash != std::string_view::npos) ? field.high
                                                                                       : *last;
        }
        for (int value = low; value <= high; value += step) {
            set[static_cast<std::size_t>(value)] = true;
        }
    }
    return set;
}

std::string_view expand_macro(std::string_view text) {
    if (text == "@hourly") {
        return "0 * * * *";
    }
    if (text == "@daily" || text == "@midnight") {
        return "0 0 * * *";
    }
    if (text == "@weekly") {
        return "0 0 * * 0";
    }
    if (text == "@monthly") {
        return "0 0 1 * *";
    }
    return text;
}

template <std::size_t N>
void copy_into(std::bitset<N>& bits, const std::vector<bool>& set) {
    for (std::size_t i = 0; i < N && i < set.size(); ++i) {
        bits[i] = set[i];
    }
}

} // namespace

Result<CronSchedule> parse_cron(std::string_view text, std::string_view where) {
    const auto expanded = expand_macro(trim(text));
    std::vector<std::string_view> fields;
    for (const auto part : split(expanded, ' ')) {
        if (!part.empty()) {
            fields.push_back(part);
        }
    }
    if (fields.size() != k_fields.size()) {
        return bad_input(std::string(where),
                         "'{}' is not a cron schedule: expected 5 fields (minute hour "
                         "day-of-month month day-of-week, in UTC) or @hourly/@daily/@weekly/"
                         "@monthly",
                         text);
    }
    CronSchedule schedule;
    std::array<std::vector<bool>, 5> sets;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto set = parse_field(fields[i], k_fields[i]);
        if (!set) {
            return bad_input(std::string(where),
                             "'{}' is not a cron schedule: its {} field '{}' is not a value, "
                             "range, list or step within {}-{}",
                             text, k_fields[i].name, fields[i], k_fields[i].low, k_fields[i].high);
        }
        sets[i] = std::move(*set);
    }
    copy_into(schedule.minutes, sets[0]);
    copy_into(schedule.hours, sets[1]);
    copy_into(schedule.days, sets[2]);
    copy_into(schedule.months, sets[3]);
    copy_into(schedule.weekdays, sets[4]);
    if (sets[4][7]) {
        schedule.weekdays[0] = true;
    }
    schedule.any_day = fields[2] == "*";
    schedule.any_weekday = fields[4] == "*";
    return schedule;
}

bool cron_matches(const CronSchedule& schedule, const std::tm& utc) {
    const auto index = [](int value) { return static_cast<std::size_t>(value); };
    if (!schedule.minutes[index(utc.tm_min)] || !schedule.hours[index(utc.tm_hour)] ||
        !schedule.months[index(utc.tm_mon + 1)]) {
        return false;
    }
    const bool day = schedule.days[index(utc.tm_mday)];
    const bool weekday = schedule.weekdays[index(utc.tm_wday)];
    if (schedule.any_day || schedule.any_weekday) {
        return day && weekday;
    }
    return day || weekday;
}

} // namespace pgfit::backup
