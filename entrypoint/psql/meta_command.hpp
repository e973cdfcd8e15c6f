// The psql backslash commands pgfit runs itself: \c (\connect) [db [user]], \set name [value...],
// \unset name, \echo [-n] text..., \i (\include) file, \ir (\include_relative) file and \gexec
// (ending a statement: its result's fields run as statements). Their
// arguments follow psql's rules: blanks separate words; '...' with '' and backslash escapes
// (\n \t \b \r \f, octal, \xHH); "..." kept with its quotes (stripped for \c, as psql does for
// names); :name, :'name', :"name" substituted outside quotes. Backquotes, a second backslash
// command on the line, \gexec without a statement before it, and every other command are
// psql's job (`MetaCommand` is then absent).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "psql/sql_scanner.hpp"
#include "util/result.hpp"

namespace pgfit::psql {

enum class MetaKind { connect, set, unset, echo, include, include_relative, gexec };

struct MetaCommand {
    MetaKind kind = MetaKind::echo;
    std::vector<std::string> arguments;
    std::string statement; // \gexec: the query whose fields run
};

// The command pgfit runs for `meta`, with its arguments parsed and substituted; nullopt when
// only psql can run it (unknown command, unsupported argument syntax or count, or a command in
// the middle of a statement).
std::optional<MetaCommand> parse_meta_command(const ScannedMeta& meta,
                                              const Substitution& substitution = {});

// psql's `\set` check: letters, digits and underscores (non-ASCII bytes allowed).
bool is_valid_variable_name(std::string_view name);

} // namespace pgfit::psql
