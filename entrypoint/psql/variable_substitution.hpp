// psql variable references, shared by the SQL scanner (psql/sql_scanner) and the backslash
// command parser (psql/meta_command): `:name` is replaced by the value as it is, `:'name'` by
// the value as an SQL literal, `:"name"` by the value as an SQL identifier. A name is letters,
// digits and underscores (non-ASCII bytes allowed); an undefined variable stays as written.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pgfit::psql {

// psql variables by name (`\set` names are case-sensitive).
using VariableMap = std::map<std::string, std::string, std::less<>>;

// How variables are substituted. With `variables` null nothing is substituted.
struct Substitution {
    const VariableMap* variables = nullptr;
    std::function<std::string(std::string_view)> quote_literal;    // for :'name'
    std::function<std::string(std::string_view)> quote_identifier; // for :"name"
};

// One character of a variable name: an ASCII letter or digit, `_`, or a non-ASCII byte.
bool is_variable_char(char c);

struct VariableReference {
    std::size_t length = 0;                 // from the `:` to the end of the name or quote
    std::optional<std::string> replacement; // nullopt: undefined, keep the text as written
};

// The reference starting at text[colon] (a `:`); nullopt when the text there is not one
// (no name, or an unclosed quote), so the `:` is plain text.
std::optional<VariableReference> find_variable_reference(std::string_view text, std::size_t colon,
                                                         const Substitution& substitution);

} // namespace pgfit::psql
