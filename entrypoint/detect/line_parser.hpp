// Line-oriented /proc files: each non-empty line goes to a parser that takes it or says what is
// wrong with it. A wrong line is skipped with a note and never spoils the others.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace pgfit::detect {

// Calls `take(line)` for every non-empty, trimmed line of `text`. `take` returns "" when it took
// the line, else the problem, which becomes the note `<origin>:<line>: <problem>; line skipped`.
template <typename Take>
void for_each_line(std::string_view text, std::string_view origin, std::vector<std::string>& notes,
                   Take take) {
    std::size_t number = 0;
    for (const auto raw : split(text, '\n')) {
        ++number;
        const std::string_view line = trim(raw);
        if (line.empty()) {
            continue;
        }
        if (const std::string_view problem = take(line); !problem.empty()) {
            notes.push_back(fmt::format("{}:{}: {}; line skipped", origin, number, problem));
        }
    }
}

} // namespace pgfit::detect
