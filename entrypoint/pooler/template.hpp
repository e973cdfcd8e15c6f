// Fills `{{name}}` placeholders in a configuration template (conf/pgbouncer.ini.template).
// Nothing else is special, so the rest of the file is copied byte for byte.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace pgfit::pooler {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Every placeholder must have a value: an unknown one, or a `{{` without `}}`, is an error
// whose where is `origin:line`, listing the known names. Values are inserted as they are.
Result<std::string> render_template(std::string_view text, const TemplateValues& values,
                                    std::string_view origin);

} // namespace pgfit::pooler
