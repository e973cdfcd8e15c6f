#include "psql/variable_substitution.hpp"

#include "util/strings.hpp"

namespace pgfit::psql {

bool is_variable_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_ascii_digit(c) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::optional<VariableReference> find_variable_reference(std::string_view text, std::size_t colon,
                                                         const Substitution& substitution) {
    std::size_t p = colon + 1;
    char quote = 0;
    if (p < text.size() && (text[p] == '\'' || text[p] == '"')) {
        quote = text[p++];
    }
    const std::size_t name_start = p;
    while (p < text.size() && is_variable_char(text[p])) {
        ++p;
    }
    if (p == name_start || (quote != 0 && (p >= text.size() || text[p] != quote))) {
        return std::nullopt;
    }
    const auto name = text.substr(name_start, p - name_start);
    VariableReference reference{p + (quote != 0 ? 1 : 0) - colon, std::nullopt};
    if (substitution.variables == nullptr) {
        return reference;
    }
    const auto found = substitution.variables->find(name);
    if (found == substitution.variables->end()) {
        return reference;
    }
    const std::string& value = found->second;
    if (quote == '\'') {
        reference.replacement = substitution.quote_literal(value);
    } else if (quote == '"') {
        reference.replacement = substitution.quote_identifier(value);
    } else {
        reference.replacement = value;
    }
    return reference;
}

} // namespace pgfit::psql
