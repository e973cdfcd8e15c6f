#include "pooler/template.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace pgfit::pooler {

namespace {

std::string known_names(const TemplateValues& values) {
    std::string names;
    for (const auto& [name, value] : values) {
        names += names.empty() ? "" : ", ";
        names += name;
    }
    return names;
}

std::string position(std::string_view origin, std::string_view text, std::size_t offset) {
    const auto line =
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
    return fmt::format("{}:{}", origin, line);
}

} // namespace

Result<std::string> render_template(std::string_view text, const TemplateValues& values,
                                    std::string_view origin) {
    std::string rendered;
    rendered.reserve(text.size());
    std::size_t done = 0;
    while (true) {
        const auto open = text.find("{{", done);
        if (open == std::string_view::npos) {
            rendered.append(text.substr(done));
            return rendered;
        }
        const auto close = text.find("}}", open + 2);
        const auto newline = text.find('\n', open);
        if (close == std::string_view::npos || close > newline) {
            return fail(position(origin, text, open), "'{{{{' without '}}}}' on the same line");
        }
        const std::string_view name = trim(text.substr(open + 2, close - open - 2));
        const auto value = values.find(name);
        if (value == values.end()) {
            return fail(position(origin, text, open), "unknown placeholder '{{{{{}}}}}'; known: {}",
                        name, known_names(values));
        }
        rendered.append(text.substr(done, open - done));
        rendered.append(value->second);
        done = close + 2;
    }
}

} // namespace pgfit::pooler
