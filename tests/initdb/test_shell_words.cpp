#include <doctest/doctest.h>

#include "initdb/shell_words.hpp"

using pgfit::initdb::split_shell_words;
using Words = std::vector<std::string>;

namespace {

Words split(std::string_view text) {
    auto words = split_shell_words(text, "POSTGRES_INITDB_ARGS");
    REQUIRE(words.has_value());
    return *words;
}

} // namespace

TEST_SUITE("initdb::split_shell_words") {
    TEST_CASE("blanks separate words, runs of blanks make no empty word") {
        CHECK(split("--data-checksums  --locale-provider=icu\t--icu-locale=de-DE\n") ==
              Words{"--data-checksums", "--locale-provider=icu", "--icu-locale=de-DE"});
        CHECK(split("") == Words{});
        CHECK(split("   ") == Words{});
    }

    TEST_CASE("single quotes keep everything, including backslashes and double quotes") {
        CHECK(split(R"(--locale='en US' 'a\b"c')") == Words{"--locale=en US", R"(a\b"c)"});
        CHECK(split("''") == Words{""});
    }

    TEST_CASE("double quotes honour only the shell's four escapes") {
        CHECK(split(R"("a \"b\" \\ \$x \n")") == Words{R"(a "b" \ $x \n)"});
    }

    TEST_CASE("a backslash outside quotes escapes the next character") {
        CHECK(split(R"(a\ b c\'d)") == Words{"a b", "c'd"});
        CHECK(split("a \\\n b") == Words{"a", "b"});
        CHECK(split("trailing\\") == Words{"trailing\\"});
    }

    TEST_CASE("no expansion: dollars, globs and tildes stay text") {
        CHECK(split("$HOME * ~ $(id)") == Words{"$HOME", "*", "~", "$(id)"});
    }

    TEST_CASE("adjacent quoted and bare parts form one word") {
        CHECK(split(R"(--auth-host='scram'"-sha"-256)") == Words{"--auth-host=scram-sha-256"});
    }

    TEST_CASE("an unterminated quote names the variable and quotes the text") {
        auto words = split_shell_words("--locale='en", "POSTGRES_INITDB_ARGS");
        REQUIRE_FALSE(words.has_value());
        CHECK(words.error().to_string() ==
              "POSTGRES_INITDB_ARGS: unterminated single quote in '--locale='en'; quote each "
              "value fully");
        auto doubled = split_shell_words("\"x", "POSTGRES_INITDB_ARGS");
        REQUIRE_FALSE(doubled.has_value());
        CHECK(doubled.error().to_string() ==
              "POSTGRES_INITDB_ARGS: unterminated double quote in '\"x'; quote each value fully");
    }
}
