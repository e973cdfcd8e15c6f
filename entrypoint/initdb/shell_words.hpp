// Splits POSTGRES_INITDB_ARGS the way the official image's `eval "initdb ... $ARGS"` does, minus
// the expansions: words are separated by blanks, single quotes keep everything literally,
// double quotes keep everything but `\"`, `\\`, `\$` and `` \` `` escapes, and a backslash
// outside quotes escapes the next character. `$VAR`, `$(...)`, globs and `~` stay literal text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace pgfit::initdb {

// The words of `text`. An unterminated quote is an error whose `where` is `origin` (the variable
// name) and whose message quotes the text.
Result<std::vector<std::string>> split_shell_words(std::string_view text, std::string_view origin);

} // namespace pgfit::initdb
