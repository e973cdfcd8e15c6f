// postgresql.auto.conf, where ALTER SYSTEM writes: which settings the operator chose there.
// Read with postgres's own configuration-file syntax (guc-file.l): `name [=] value`, values
// quoted with '...' ('' and backslash escapes inside) or bare, `#` comments outside quotes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "settings/postgres_args.hpp"

namespace pgfit::settings {

struct AutoConf {
    std::vector<OperatorSetting> settings; // file order; source "<path>:<line> (ALTER SYSTEM)"
    std::vector<std::string> problems;     // "<path>:<line>: <what>" for lines that are not
                                           // settings (postgres will refuse them itself)
};

AutoConf parse_auto_conf(std::string_view text, std::string_view path);

// The settings in `<data_directory>/postgresql.auto.conf`; a missing file (before initdb) has
// none. Unreadable files and malformed lines are logged as warnings.
std::vector<OperatorSetting> read_auto_conf(const std::string& data_directory);

} // namespace pgfit::settings
