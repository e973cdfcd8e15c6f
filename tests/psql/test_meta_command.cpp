#include <doctest/doctest.h>

#include "psql/meta_command.hpp"

using namespace pgfit::psql;
using Words = std::vector<std::string>;

namespace {

const std::map<std::string, std::string, std::less<>> k_variables = {{"db", "my db"}, {"x", "1"}};

Substitution substitution() {
    Substitution s;
    s.variables = &k_variables;
    s.quote_literal = [](std::string_view v) { return "'" + std::string(v) + "'"; };
    s.quote_identifier = [](std::string_view v) { return "\"" + std::string(v) + "\""; };
    return s;
}

std::optional<MetaCommand> parse(std::string name, std::string arguments,
                                 const Substitution& with = {}) {
    return parse_meta_command(ScannedMeta{std::move(name), std::move(arguments), 1, false, ""}, with);
}

Words arguments(std::string name, std::string text, const Substitution& with = {}) {
    auto command = parse(std::move(name), std::move(text), with);
    REQUIRE(command.has_value());
    return command->arguments;
}

} // namespace

TEST_SUITE("psql::parse_meta_command") {
    TEST_CASE("the supported commands and their aliases") {
        CHECK(parse("c", " db")->kind == MetaKind::connect);
        CHECK(parse("connect", "")->kind == MetaKind::connect);
        CHECK(parse("set", " x 1")->kind == MetaKind::set);
        CHECK(parse("unset", " x")->kind == MetaKind::unset);
        CHECK(parse("echo", "")->kind == MetaKind::echo);
        CHECK(parse("i", " f.sql")->kind == MetaKind::include);
        CHECK(parse("include", " f.sql")->kind == MetaKind::include);
        CHECK(parse("ir", " f.sql")->kind == MetaKind::include_relative);
        CHECK(parse("include_relative", " f.sql")->kind == MetaKind::include_relative);
    }

    TEST_CASE("\\gexec ends the statement before it, which it carries; alone it is psql's") {
        const auto command =
            parse_meta_command(ScannedMeta{"gexec", "", 3, true, "SELECT 'SELECT 1'\n"});
        REQUIRE(command.has_value());
        CHECK(command->kind == MetaKind::gexec);
        CHECK(command->statement == "SELECT 'SELECT 1'\n");
        CHECK_FALSE(parse("gexec", "").has_value());
        CHECK_FALSE(parse_meta_command(ScannedMeta{"gexec", " x", 3, true, "SELECT 1"}));
    }

    TEST_CASE("everything else is psql's") {
        for (const char* name : {"gset", "copy", "if", "o", ".", "cd", "!", "restrict", ""}) {
            CHECK_FALSE(parse(name, " x").has_value());
        }
        CHECK_FALSE(parse_meta_command(ScannedMeta{"echo", " x", 1, true, "SELECT 1"}).has_value());
    }

    TEST_CASE("arity: \\c takes at most db and user, \\set needs a name, \\i one file") {
        CHECK_FALSE(parse("c", " db user host").has_value());
        CHECK_FALSE(parse("set", "").has_value());
        CHECK_FALSE(parse("i", "").has_value());
        CHECK_FALSE(parse("i", " a b").has_value());
        CHECK_FALSE(parse("unset", " a b").has_value());
        CHECK_FALSE(parse("set", " bad-name 1").has_value());
    }

    TEST_CASE("single quotes: doubled quotes and backslash escapes") {
        CHECK(arguments("echo", R"( 'it''s' 'a\tb\n' '\101\x42\q' 'x y')") ==
              Words{"it's", "a\tb\n", "ABq", "x y"});
    }

    TEST_CASE("double quotes are kept, except for \\c names") {
        CHECK(arguments("set", R"( v "a ""b""")") == Words{"v", R"("a ""b""")"});
        CHECK(arguments("c", R"( "my ""db""" "the user")") == Words{R"(my "db")", "the user"});
    }

    TEST_CASE("variables outside quotes, adjacent parts join") {
        CHECK(arguments("c", " :db", substitution()) == Words{"my db"});
        // psql dequotes \c names after substitution: :"db" names the database itself
        CHECK(arguments("c", " :\"db\" -", substitution()) == Words{"my db", "-"});
        CHECK(arguments("echo", " :'db' :\"db\" v:x ':x' :nope", substitution()) ==
              Words{"'my db'", "\"my db\"", "v1", ":x", ":nope"});
    }

    TEST_CASE("backquotes, chained commands and open quotes go to psql") {
        CHECK_FALSE(parse("set", " x `date`").has_value());
        CHECK_FALSE(parse("echo", " a \\\\ \\echo b").has_value());
        CHECK_FALSE(parse("echo", " 'open").has_value());
        CHECK_FALSE(parse("c", " \"open").has_value());
    }
}
